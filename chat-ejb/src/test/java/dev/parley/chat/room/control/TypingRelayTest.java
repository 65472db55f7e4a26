package dev.parley.chat.room.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypingRelayTest {

    private static final long INTERVAL = 250_000_000L;

    @Test
    void onlyChangesAreRelayed() {
        TypingRelay relay = new TypingRelay();
        assertThat(relay.shouldRelay(false, 0, INTERVAL))
                .as("stopped before ever typing")
                .isFalse();
        assertThat(relay.shouldRelay(true, 0, INTERVAL)).isTrue();
        assertThat(relay.shouldRelay(true, INTERVAL * 10, INTERVAL))
                .as("still typing")
                .isFalse();
        assertThat(relay.shouldRelay(false, INTERVAL * 11, INTERVAL)).isTrue();
        assertThat(relay.shouldRelay(false, INTERVAL * 12, INTERVAL)).isFalse();
    }

    @Test
    void aFloodOfTogglesGivesAtMostTwoRelaysPerIntervalAndEndsOnTheTruth() {
        TypingRelay relay = new TypingRelay();
        int relayed = 0;
        boolean lastRelayed = false;
        for (int i = 0; i < 10_000; i++) {
            boolean typing = i % 2 == 0;
            // all 10,000 within one interval
            if (relay.shouldRelay(typing, i, INTERVAL)) {
                relayed++;
                lastRelayed = typing;
            }
        }
        assertThat(relayed).isEqualTo(2);
        assertThat(lastRelayed)
                .as("the last toggle was 'stopped', and so is what others see")
                .isFalse();
    }
}
