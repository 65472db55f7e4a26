package dev.parley.chat.room.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Fanout} must do, run against each implementation (as phoenix_pubsub runs one
 * suite against every adapter): a node's own frames and signals come back to it whole, in the
 * order they were published, whatever they hold.
 */
public abstract class FanoutContract {

    /** A node of the implementation under test: its fan-out, and what reached its own beans. */
    public record Node(Fanout fanout, List<Object> received) {}

    protected abstract Node node();

    /** Deliveries may be asynchronous: waits until {@code count} arrived (or the time is up). */
    protected static List<Object> await(Node node, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (node.received().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return new ArrayList<>(node.received());
    }

    protected static List<Object> newReceived() {
        return new CopyOnWriteArrayList<>();
    }

    @Test
    void aBroadcastArrivesWithEveryField() throws Exception {
        Node node = node();
        RoomBroadcast sent = new RoomBroadcast("lobby", "{\"type\":\"message\",\"seq\":7}", 7, "conn-1", "user-2", 3);

        node.fanout().publish(sent);

        assertThat(await(node, 1)).containsExactly(sent);
    }

    @Test
    void emptyOptionalFieldsStayEmpty() throws Exception {
        Node node = node();
        RoomBroadcast sent = RoomBroadcast.toAll("lobby", "{\"type\":\"leave\"}");

        node.fanout().publish(sent);

        assertThat(await(node, 1)).containsExactly(sent);
    }

    @Test
    void framesKeepTheirOrder() throws Exception {
        Node node = node();
        List<RoomBroadcast> sent = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            sent.add(new RoomBroadcast(i % 2 == 0 ? "a" : "b", "{\"seq\":" + i + "}", i, null));
        }

        sent.forEach(node.fanout()::publish);

        assertThat(await(node, sent.size())).containsExactlyElementsOf(sent);
    }

    @Test
    void jsonWithNewlinesEscapesAndUnicodeIsUntouched() throws Exception {
        Node node = node();
        String json = "{\"body\":\"line\\nnext \\\"quoted\\\" ✓ 😀\",\n \"pretty\": true}";
        RoomBroadcast sent = RoomBroadcast.toUser("room-1", "user\u00e9", json);

        node.fanout().publish(sent);

        assertThat(await(node, 1)).containsExactly(sent);
    }

    @Test
    void aLargeFrameArrivesWhole() throws Exception {
        Node node = node();
        RoomBroadcast sent = RoomBroadcast.toAll("lobby", "{\"body\":\"" + "x".repeat(200_000) + "\"}");

        node.fanout().publish(sent);

        assertThat(await(node, 1)).containsExactly(sent);
    }

    @Test
    void signalsArriveInOrderWithFrames() throws Exception {
        Node node = node();
        RoomBroadcast before = RoomBroadcast.toAll("lobby", "{\"type\":\"room\"}");
        RoomSignal signal = new RoomSignal("lobby", RoomSignal.Kind.SETTINGS_CHANGED);
        RoomSignal usage = new RoomSignal("lobby", RoomSignal.Kind.USAGE_CHANGED);

        node.fanout().publish(before);
        node.fanout().signal(signal);
        node.fanout().signal(usage);

        assertThat(await(node, 3)).containsExactly(before, signal, usage);
    }
}
