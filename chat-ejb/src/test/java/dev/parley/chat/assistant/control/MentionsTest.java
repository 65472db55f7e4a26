package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void findsTheMentionAnywhereInAnyCase() {
        assertThat(Mentions.mentionsAssistant("@assistant hi")).isTrue();
        assertThat(Mentions.mentionsAssistant("hey @Assistant, a haiku?")).isTrue();
        assertThat(Mentions.mentionsAssistant("(@assistant)")).isTrue();
    }

    @Test
    void ignoresLookAlikes() {
        assertThat(Mentions.mentionsAssistant("assistant please")).isFalse();
        assertThat(Mentions.mentionsAssistant("mail me@assistant.example")).isFalse();
        assertThat(Mentions.mentionsAssistant("@assistants unite")).isFalse();
        assertThat(Mentions.mentionsAssistant(null)).isFalse();
    }

    @Test
    void findsTheRoomsParticipantsItNamesInOrderEachOnce() {
        Set<String> names = Set.of("reviewer", "translator", "qa-bot");
        assertThat(Mentions.named("@translator then @Reviewer, and @translator again", names))
                .containsExactly("translator", "reviewer");
        assertThat(Mentions.named("ask @qa-bot: and @nobody", names)).containsExactly("qa-bot");
        assertThat(Mentions.named("mail reviewer@example.com or @@reviewer", names))
                .isEmpty();
        assertThat(Mentions.named("@reviewers is not @reviewer's", names)).containsExactly("reviewer");
        assertThat(Mentions.named(null, names)).isEmpty();
    }
}
