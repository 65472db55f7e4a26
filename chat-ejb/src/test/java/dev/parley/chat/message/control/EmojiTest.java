package dev.parley.chat.message.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmojiTest {

    @Test
    void emojiAndTheirSequencesAreReactions() {
        for (String emoji : new String[] {
            "👍", "❤️", "🎉", "👍🏽", "👩‍💻", "👨‍👩‍👧", "🇫🇷", "1️⃣", "#️⃣", "✅", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "☕"
        }) {
            assertThat(Emoji.isValid(emoji)).as(emoji).isTrue();
        }
    }

    @Test
    void textSpacesMarkupAndEmptyAreNot() {
        for (String text : new String[] {
            null, "", "a", "ok", "1", "👍 ", " 👍", "<b>", "👍a", "\u200D", "\uFE0F", "\u0000", "👍".repeat(17)
        }) {
            assertThat(Emoji.isValid(text)).as(String.valueOf(text)).isFalse();
        }
    }
}
