package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.assistant.entity.CompletionRequest.Turn;
import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.entity.MessageView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {

    static MessageView message(long seq, String name, String role, String body) {
        return message(seq, new ChatUser(name, name), role, body);
    }

    static MessageView message(long seq, ChatUser user, String role, String body) {
        return new MessageView("id" + seq, seq, "lobby", user, role, body, "complete", Instant.EPOCH);
    }

    @Test
    void namesEverySpeakerAndPutsThePersonaInTheSystemMessage() {
        List<Turn> turns = Conversation.build(
                "lobby",
                "Speak like a pirate.",
                List.of(
                        message(1, "Alice", "user", "hi all"),
                        message(2, Speaker.ASSISTANT, "assistant", "Ahoy!"),
                        message(3, "Bob", "user", "@assistant a joke?"),
                        message(4, "System", "system", "not for the model")),
                1000);
        assertThat(turns).extracting(Turn::role).containsExactly("system", "user", "assistant", "user");
        assertThat(turns.get(0).content()).contains("lobby").contains("Speak like a pirate.");
        assertThat(turns.get(1).content()).isEqualTo("Alice: hi all");
        assertThat(turns.get(3).content()).isEqualTo("Bob: @assistant a joke?");
    }

    @Test
    void aParticipantSeesItsOwnMessagesAsItsTurnsAndTheOtherAisByName() {
        ChatUser reviewer = new ChatUser("assistant:reviewer", "reviewer");
        List<Turn> turns = Conversation.build(
                "lobby",
                reviewer.id(),
                "reviewer",
                "Review code strictly.",
                List.of(
                        message(1, "Alice", "user", "@assistant @reviewer look"),
                        message(2, Speaker.ASSISTANT, "assistant", "Looks fine."),
                        message(3, reviewer, "assistant", "Two bugs.")),
                1000);
        assertThat(turns).extracting(Turn::role).containsExactly("system", "user", "user", "assistant");
        assertThat(turns.get(0).content()).contains("@reviewer").contains("Review code strictly.");
        assertThat(turns.get(2).content()).isEqualTo("Assistant: Looks fine.");
        assertThat(turns.get(3).content()).isEqualTo("Two bugs.");
    }

    @Test
    void aDeletedMessageIsNotContext() {
        MessageView deleted = new MessageView(
                "id2",
                2,
                "lobby",
                new ChatUser("Bob", "Bob"),
                "user",
                "",
                "complete",
                Instant.EPOCH,
                null,
                Instant.EPOCH);
        List<Turn> turns = Conversation.build(
                "lobby",
                null,
                List.of(message(1, "Alice", "user", "hi"), deleted, message(3, "Alice", "user", "?")),
                1000);
        assertThat(turns).extracting(Turn::content).noneMatch(content -> content.startsWith("Bob"));
        assertThat(turns).extracting(Turn::content).contains("Alice: hi", "Alice: ?");
    }

    @Test
    void dropsTheOldestMessagesBeyondTheTokenBudgetButKeepsTheLast() {
        String longText = "word ".repeat(400);
        List<Turn> turns = Conversation.build(
                "lobby",
                null,
                List.of(
                        message(1, "Alice", "user", longText),
                        message(2, "Bob", "user", longText),
                        message(3, "Carol", "user", "@assistant summarize")),
                450);
        assertThat(turns).extracting(Turn::role).containsExactly("system", "user", "user");
        assertThat(turns.get(0).content())
                .contains("lobby")
                .doesNotContain("Alice")
                .doesNotContain("word");
        assertThat(turns.subList(1, 3))
                .extracting(Turn::content)
                .containsExactly("Bob: " + longText, "Carol: @assistant summarize");
        assertThat(TokenCounter.count("hello world")).isBetween(2, 3);
    }
}
