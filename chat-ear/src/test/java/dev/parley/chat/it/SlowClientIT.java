package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading is closed once its frames pile up past the outbox limit (1013),
 * and leaves the room, while the room goes on: another member keeps receiving every message.
 */
class SlowClientIT {

    private static final int MESSAGES = 6000;
    private static final int BATCH = 100;
    private static final int BASELINE_BATCHES = 20;

    @Test
    void aClientThatNeverReadsIsClosedWith1013AndNobodyElseWaits() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "slow");
        try (EmbeddedServer server = new EmbeddedServer()) {
            server.start(Map.of(
                    "CHAT_DATA_DIR", data.toAbsolutePath().toString(),
                    "CHAT_OUTBOX_LIMIT", "100",
                    "CHAT_RATE_PER_SECOND", "5000",
                    "CHAT_RATE_BURST", "5000"));
            Api api = server.api();
            String room = "slow-" + UUID.randomUUID().toString().substring(0, 8);
            try (WsClient sender = WsClient.connect(WsClient.roomUri(
                            api.base(), room, api.login("Sender").token()));
                    WsClient reader = WsClient.connect(WsClient.roomUri(
                            api.base(), room, api.login("Reader").token()))) {
                sender.next("history");
                reader.next("history");
                // the same traffic before the stalled member joins: what this machine manages today
                long baselineP99 = p99(batchLags(sender, reader, BASELINE_BATCHES));
                Stalled stalled = new Stalled();
                WebSocket stalledSocket = HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .buildAsync(
                                WsClient.roomUri(
                                        api.base(), room, api.login("Stalled").token()),
                                stalled)
                        .get(20, TimeUnit.SECONDS);
                try {
                    reader.next(SlowClientIT::stalledJoined, Duration.ofSeconds(20));
                    long p99 = p99(batchLags(sender, reader, MESSAGES / BATCH));
                    // the server dropped the stalled member: the room saw it leave
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (reader.received().stream().noneMatch(SlowClientIT::stalledLeft)
                            && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                    }
                    assertThat(reader.received()).anyMatch(SlowClientIT::stalledLeft);
                    stalledSocket.request(Long.MAX_VALUE); // read what was queued, the close frame last
                    int[] close = stalled.closed.get(30, TimeUnit.SECONDS);
                    // the server closes with 1013, but its close frame queues behind everything the
                    // client never read, so a client that truly stopped reading sees the TCP close (1006)
                    assertThat(close[0]).as("close code of the stalled client").isIn(1013, 1006);
                    System.out.printf(
                            "slow client: closed (%d); a batch of %d reached the reader in %d ms at p99 (%d ms before the stall)%n",
                            close[0], BATCH, p99, baselineP99);
                    // a writer that waited on the stalled socket would hold every batch for seconds;
                    // the bound follows this machine's own pace, measured in the same run
                    assertThat(p99)
                            .as("the reader's p99 in ms while one member stalls, against %d ms before", baselineP99)
                            .isLessThan(Math.max(1000, 3 * baselineP99));
                } finally {
                    stalledSocket.abort();
                }
            }
        }
    }

    /** Sends batches of large messages and times each until the sender has its acks and the reader every message. */
    private static List<Long> batchLags(WsClient sender, WsClient reader, int batches) {
        String body = "x".repeat(3990);
        List<Long> lags = new ArrayList<>();
        for (int batch = 0; batch < batches; batch++) {
            long sent = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                sender.send(WsClient.message(UUID.randomUUID().toString(), batch + "/" + i + " " + body));
            }
            for (int i = 0; i < BATCH; i++) {
                sender.next("ack");
                reader.next("message");
            }
            lags.add((System.nanoTime() - sent) / 1_000_000);
            sender.skipUnread();
            reader.skipUnread();
        }
        return lags;
    }

    private static long p99(List<Long> lags) {
        List<Long> sorted = new ArrayList<>(lags);
        sorted.sort(null);
        return sorted.get(sorted.size() * 99 / 100);
    }

    private static boolean stalledJoined(JsonObject frame) {
        return "join".equals(frame.getString("type"))
                && "Stalled".equals(frame.getJsonObject("user").getString("name"));
    }

    private static boolean stalledLeft(JsonObject frame) {
        return "leave".equals(frame.getString("type"))
                && "Stalled".equals(frame.getJsonObject("user").getString("name"));
    }

    /** Reads its welcome, then stops reading altogether; remembers how it was closed. */
    private static final class Stalled implements WebSocket.Listener {
        final CompletableFuture<int[]> closed = new CompletableFuture<>();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            return null; // no further request(): the socket stops reading
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new int[] {statusCode});
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            // The server dropped the TCP connection under the unread queue: that is an abnormal
            // closure (1006). The JDK client reports it as an IOException, or (JDK 17, seen once in
            // CI) as an InternalError out of TransportImpl.acknowledgeReception.
            closed.complete(new int[] {1006});
        }
    }
}
