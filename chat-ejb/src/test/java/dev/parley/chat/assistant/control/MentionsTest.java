package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;

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
}
