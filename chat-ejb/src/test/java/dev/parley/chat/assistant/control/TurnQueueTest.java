package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TurnQueueTest {

    TurnQueue<String> cut = new TurnQueue<>();

    @Test
    void theFirstTurnStartsAtOnceAndTheOthersFollowInOrder() {
        assertThat(cut.add("lobby", "alice")).contains("alice");
        assertThat(cut.add("lobby", "bob")).isEmpty();
        assertThat(cut.add("lobby", "carol")).isEmpty();
        assertThat(cut.waiting("lobby")).isEqualTo(2);
        assertThat(cut.finish("lobby")).contains("bob");
        assertThat(cut.finish("lobby")).contains("carol");
        assertThat(cut.finish("lobby")).isEmpty();
        assertThat(cut.add("lobby", "dave")).contains("dave");
    }

    @Test
    void roomsDoNotWaitForEachOther() {
        assertThat(cut.add("lobby", "alice")).contains("alice");
        assertThat(cut.add("other", "bob")).contains("bob");
        assertThat(cut.finish("nowhere")).isEmpty();
    }
}
