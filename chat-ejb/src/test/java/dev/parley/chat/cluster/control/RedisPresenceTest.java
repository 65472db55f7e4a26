package dev.parley.chat.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.presence.control.PresenceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Presence across nodes, on the machine's Redis: each "node" is a link with its own id. */
class RedisPresenceTest {

    private static final Duration EXPIRY = Duration.ofMillis(800);

    private final String prefix = "test-" + UUID.randomUUID();
    private final List<RedisLink> links = new ArrayList<>();
    private final ChatUser alice = new ChatUser("u-alice", "Alice \"A\" ✓");
    private final ChatUser bob = new ChatUser("u-bob", "Bob");

    @AfterEach
    void closeLinks() {
        links.forEach(RedisLink::close);
    }

    private RedisPresence node() {
        RedisLink link = new RedisLink(RedisFanoutTest.REDIS, Duration.ofSeconds(2), prefix + ":fanout", m -> {});
        links.add(link);
        assertThat(link.connect()).isTrue();
        RedisPresence presence = new RedisPresence(
                link, new ClusterKeys(prefix, UUID.randomUUID().toString()), EXPIRY);
        presence.beat();
        return presence;
    }

    @Test
    void aUserJoinsWithTheirFirstConnectionAnywhereAndLeavesWithTheirLast() {
        RedisPresence one = node();
        RedisPresence two = node();

        assertThat(one.arrived("lobby", alice)).as("first connection anywhere").isTrue();
        assertThat(two.arrived("lobby", alice)).as("second, on another node").isFalse();
        assertThat(one.arrived("lobby", alice)).as("third, on the first node").isFalse();
        assertThat(one.members("lobby")).contains(List.of(new PresenceState.Member(alice, 3)));

        assertThat(one.departed("lobby", alice)).isFalse();
        assertThat(one.departed("lobby", alice))
                .as("gone from node one, still on two")
                .isFalse();
        assertThat(two.members("lobby")).contains(List.of(new PresenceState.Member(alice, 1)));
        assertThat(two.departed("lobby", alice)).as("last connection anywhere").isTrue();
        assertThat(one.members("lobby")).contains(List.of());
    }

    @Test
    void aDepartureANodeNeverAnnouncedChangesNothing() {
        RedisPresence one = node();
        RedisPresence two = node();
        one.arrived("lobby", alice);

        assertThat(two.departed("lobby", alice)).isFalse();
        assertThat(one.members("lobby").orElseThrow())
                .extracting(PresenceState.Member::user)
                .containsExactly(alice);
    }

    @Test
    void roomsAreSeparate() {
        RedisPresence one = node();
        one.arrived("a", alice);

        assertThat(one.arrived("b", alice)).isTrue();
        assertThat(one.members("a").orElseThrow()).hasSize(1);
        assertThat(one.members("c")).contains(List.of());
    }

    @Test
    void aNodeThatStopsBeatingStopsCountingAndIsSweptOnce() throws Exception {
        RedisPresence survivor = node();
        RedisPresence dying = node();
        dying.arrived("lobby", alice);
        dying.arrived("lobby", bob);
        survivor.arrived("lobby", bob);

        Thread.sleep(EXPIRY.toMillis() + 200);
        RedisPresence.Beat beat = survivor.beat();

        assertThat(survivor.members("lobby").orElseThrow())
                .as("the dead node's connections no longer count")
                .containsExactly(new PresenceState.Member(bob, 1));
        assertThat(beat.deadNodes()).hasSize(1);
        String dead = beat.deadNodes().get(0);
        assertThat(survivor.lockSweep(dead)).isTrue();
        assertThat(survivor.lockSweep(dead)).as("only one node sweeps").isFalse();
        assertThat(survivor.sweepNode(dead)).isEqualTo(Map.of("lobby", List.of(alice)));
        survivor.forget(dead);
        assertThat(survivor.beat().deadNodes()).isEmpty();
        assertThat(survivor.arrived("lobby", alice))
                .as("alice is back: a join again")
                .isTrue();
    }

    @Test
    void aNodeForgottenByRedisNoticesOnItsNextBeat() {
        RedisPresence one = node();
        assertThat(one.beat().added()).isFalse();
        one.forget(one.node());
        assertThat(one.beat().added()).isTrue();
    }

    @Test
    void concurrentFirstConnectionsOnTwoNodesMakeExactlyOneJoin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                RedisPresence one = node();
                RedisPresence two = node();
                String room = "race-" + round;
                List<Future<Boolean>> joins = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    RedisPresence node = i % 2 == 0 ? one : two;
                    joins.add(pool.submit(() -> node.arrived(room, alice)));
                }
                int firsts = 0;
                for (Future<Boolean> join : joins) {
                    firsts += join.get() ? 1 : 0;
                }
                assertThat(firsts).as("joins announced in round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
