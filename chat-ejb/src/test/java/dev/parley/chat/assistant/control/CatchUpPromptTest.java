package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.assistant.entity.CompletionRequest.Turn;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatchUpPromptTest {

    @Test
    void numbersEveryMissedMessageBySeqAndAsksForCitations() {
        List<Turn> turns = CatchUpPrompt.build(
                "lobby",
                "Carol",
                List.of(
                        ConversationTest.message(7, "Alice", "user", "we ship on Friday"),
                        ConversationTest.message(9, "Bob", "user", "@Carol can you review?")),
                1000);
        assertThat(turns).extracting(Turn::role).containsExactly("system", "user");
        assertThat(turns.get(0).content()).contains("Carol").contains("lobby").contains("[#12]");
        assertThat(turns.get(1).content()).isEqualTo("[#7] Alice: we ship on Friday\n[#9] Bob: @Carol can you review?");
    }

    @Test
    void dropsTheOldestMessagesBeyondTheTokenBudget() {
        List<Turn> turns = CatchUpPrompt.build(
                "lobby",
                "Carol",
                List.of(
                        ConversationTest.message(1, "Alice", "user", "word ".repeat(500)),
                        ConversationTest.message(2, "Bob", "user", "the latest")),
                100);
        assertThat(turns.get(1).content()).isEqualTo("[#2] Bob: the latest");
    }

    @Test
    void sourcesAreTheCitedSeqsThatWereSummarisedInOrderOnce() {
        assertThat(CatchUpPrompt.sources(
                        "- Friday release [#7][#9]\n- review asked [#9], see [#99] and [#x] and #7", Set.of(7L, 9L)))
                .containsExactly(7L, 9L);
        assertThat(CatchUpPrompt.sources("no citations", Set.of(1L))).isEmpty();
    }
}
