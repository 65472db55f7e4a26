package dev.parley.chat.presence.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.identity.entity.ChatUser;
import org.junit.jupiter.api.Test;

class PresenceStateTest {

    PresenceState cut = new PresenceState();
    ChatUser alice = new ChatUser("a", "Alice");
    ChatUser bob = new ChatUser("b", "Bob");

    @Test
    void aUserJoinsWithTheFirstConnectionAndLeavesWithTheLast() {
        assertThat(cut.connect("lobby", alice)).isTrue();
        assertThat(cut.connect("lobby", alice)).isFalse();
        assertThat(cut.members("lobby")).containsExactly(new PresenceState.Member(alice, 2));
        assertThat(cut.disconnect("lobby", alice)).isFalse();
        assertThat(cut.disconnect("lobby", alice)).isTrue();
        assertThat(cut.members("lobby")).isEmpty();
    }

    @Test
    void roomsAreSeparateAndMembersKeepTheirOrder() {
        cut.connect("lobby", alice);
        cut.connect("lobby", bob);
        cut.connect("other", bob);
        assertThat(cut.members("lobby")).extracting(m -> m.user().name()).containsExactly("Alice", "Bob");
        assertThat(cut.online("other")).isEqualTo(1);
        assertThat(cut.online("nowhere")).isZero();
    }

    @Test
    void disconnectingSomeoneWhoIsNotThereChangesNothing() {
        assertThat(cut.disconnect("lobby", alice)).isFalse();
        cut.connect("lobby", bob);
        assertThat(cut.disconnect("lobby", alice)).isFalse();
        assertThat(cut.online("lobby")).isEqualTo(1);
    }
}
