package dev.parley.chat.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.room.control.FanoutContract;
import dev.parley.chat.room.control.RecordingEvents;
import dev.parley.chat.room.entity.RoomBroadcast;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis fan-out against the shared contract, on the machine's Redis (127.0.0.1:6379, started
 * by {@code .ci/run}), plus what only several nodes can show.
 */
class RedisFanoutTest extends FanoutContract {

    static final String REDIS = System.getProperty("parley.redis.url", "redis://127.0.0.1:6379");

    private final String prefix = "test-" + UUID.randomUUID();
    private final List<RedisLink> links = new ArrayList<>();

    @AfterEach
    void closeLinks() {
        links.forEach(RedisLink::close);
    }

    @Override
    protected Node node() {
        return node(REDIS);
    }

    private Node node(String url) {
        List<Object> received = newReceived();
        var local = RecordingEvents.localFanout(received);
        RedisLink link = new RedisLink(
                url,
                Duration.ofSeconds(1),
                prefix + ":fanout",
                new FanoutReceiver(UUID.randomUUID().toString(), local, Runnable::run, nonce -> {}));
        links.add(link);
        link.connect();
        return new Node(new RedisFanout(link, local), received);
    }

    @Test
    void everyNodeSeesEveryNodesFramesInOneOrder() throws Exception {
        Node first = node();
        Node second = node();
        Node third = node();
        for (int i = 1; i <= 500; i++) {
            (i % 2 == 0 ? first : second).fanout().publish(new RoomBroadcast("lobby", "{\"n\":" + i + "}", i, null));
        }

        List<Object> seenByFirst = await(first, 500);
        assertThat(seenByFirst).hasSize(500);
        assertThat(await(second, 500)).containsExactlyElementsOf(seenByFirst);
        assertThat(await(third, 500)).containsExactlyElementsOf(seenByFirst);
    }

    @Test
    void anotherClustersPrefixHearsNothing() throws Exception {
        Node ours = node();
        List<Object> theirs = newReceived();
        var theirLocal = RecordingEvents.localFanout(theirs);
        RedisLink other = new RedisLink(
                REDIS,
                Duration.ofSeconds(1),
                "other-" + prefix + ":fanout",
                new FanoutReceiver("x", theirLocal, Runnable::run, n -> {}));
        links.add(other);
        other.connect();

        ours.fanout().publish(RoomBroadcast.toAll("lobby", "{}"));

        assertThat(await(ours, 1)).hasSize(1);
        Thread.sleep(200);
        assertThat(theirs).isEmpty();
    }

    @Test
    void withoutRedisANodeStillServesItsOwnConnections() throws Exception {
        Node alone = node("redis://127.0.0.1:1"); // nothing listens on port 1
        RoomBroadcast sent = RoomBroadcast.toAll("lobby", "{\"type\":\"message\"}");

        alone.fanout().publish(sent);

        assertThat(await(alone, 1)).containsExactly(sent);
        assertThat(links.get(0).problem()).contains("unreachable");
    }
}
