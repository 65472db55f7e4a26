package dev.parley.chat.message.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void remembersIdsPerRoomUpToItsCapacityForgettingTheOldestFirst() {
        RecentIds recent = new RecentIds(3);
        recent.add("a", "1");
        recent.add("a", "2");
        recent.add("b", "1");
        assertThat(recent.contains("a", "1")).isTrue();
        assertThat(recent.contains("b", "2")).isFalse();
        assertThat(recent.contains("c", "1")).as("ids are per room").isFalse();

        recent.add("b", "2");
        assertThat(recent.contains("a", "1")).as("the oldest is forgotten").isFalse();
        assertThat(recent.contains("a", "2")).isTrue();
        assertThat(recent.contains("b", "2")).isTrue();
    }

    @Test
    void aRoomAndIdThatRunTogetherAreNotConfused() {
        RecentIds recent = new RecentIds(10);
        recent.add("ab", "c");
        assertThat(recent.contains("a", "bc")).isFalse();
    }
}
