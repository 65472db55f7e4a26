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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * After a restart, a crowd reconnects at once with {@code since}: every client gets its welcome
 * and exactly the history it missed, nobody is refused, and the server logs no error. Started as
 * users start it (the run command), cold: the reconnect is the first thing the new JVM does.
 */
class ReconnectStormIT {

    private static final int CLIENTS = Integer.getInteger("parley.storm.clients", 1000);
    private static final int USERS = 50;
    private static final int ROOMS = 20;
    private static final int MESSAGES_PER_ROOM = 5;
    private static final long SINCE = 2;

    @Test
    void aThousandClientsReconnectingAtOnceAfterARestartAllResume() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "storm");
        Map<String, String> environment =
                Map.of("CHAT_DATA_DIR", data.toAbsolutePath().toString());
        try (EmbeddedServer server = new EmbeddedServer()) {
            server.start(environment);
            Api api = server.api();
            List<Api.Login> users = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                users.add(api.login("storm-" + i));
            }
            String prefix = "storm-" + UUID.randomUUID().toString().substring(0, 6);
            for (int r = 0; r < ROOMS; r++) {
                try (WsClient writer = WsClient.connect(WsClient.roomUri(
                        api.base(), prefix + "-" + r, users.get(r % USERS).token()))) {
                    writer.next("history");
                    for (int m = 1; m <= MESSAGES_PER_ROOM; m++) {
                        writer.send(WsClient.message(UUID.randomUUID().toString(), "m" + m));
                        writer.next("ack");
                    }
                }
            }
            server.stop();
            server.start(environment);

            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .build();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Resumer> resumers = new ArrayList<>();
            List<CompletableFuture<WebSocket>> handshakes = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < CLIENTS; i++) {
                Resumer resumer = new Resumer();
                resumers.add(resumer);
                String room = prefix + "-" + (i % ROOMS);
                handshakes.add(http.newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(30))
                        .buildAsync(
                                WsClient.roomUri(
                                        api.base(), room, users.get(i % USERS).token(), SINCE),
                                resumer));
            }
            for (CompletableFuture<WebSocket> handshake : handshakes) {
                try {
                    handshake.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    failures.add("handshake: " + e);
                }
            }
            for (Resumer resumer : resumers) {
                try {
                    JsonObject history = resumer.history.get(60, TimeUnit.SECONDS);
                    List<String> bodies = history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                            .map(m -> m.getString("body"))
                            .toList();
                    if (!bodies.equals(List.of("m3", "m4", "m5"))) {
                        failures.add("resumed with " + bodies);
                    }
                } catch (Exception e) {
                    failures.add("no history: " + e + (resumer.closed == null ? "" : ", closed " + resumer.closed));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "reconnect storm: %d clients resumed in %.1f s (%.0f/s), %d failures%n",
                    CLIENTS, seconds, CLIENTS / seconds, failures.size());
            assertThat(failures).as("clients that did not resume").isEmpty();
            for (CompletableFuture<WebSocket> handshake : handshakes) {
                handshake.thenAccept(ws -> ws.abort());
            }
            String log = Files.readString(server.log());
            assertThat(log).doesNotContain("SEVERE").doesNotContain("Unable to acquire JDBC Connection");
        }
    }

    /** One reconnecting client: remembers its history frame and how it was closed, if it was. */
    private static final class Resumer implements WebSocket.Listener {
        final CompletableFuture<JsonObject> history = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        volatile String closed;
        boolean welcomed;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(partial.toString()))) {
                    JsonObject frame = reader.readObject();
                    String type = frame.getString("type");
                    if (type.equals("welcome")) {
                        welcomed = true;
                    } else if (type.equals("history")) {
                        if (welcomed) {
                            history.complete(frame);
                        } else {
                            history.completeExceptionally(new AssertionError("history before welcome"));
                        }
                    }
                }
                partial.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = statusCode + " " + reason;
            history.completeExceptionally(new AssertionError("closed with " + closed));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            history.completeExceptionally(error);
        }
    }
}
