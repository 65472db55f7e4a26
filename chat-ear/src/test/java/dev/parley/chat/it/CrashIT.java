package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.it.production.PostgresSchema;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An ack promises that the message is stored. Five clients send as fast as acks come back, the
 * server's JVM is killed ({@code kill -9}) mid-stream, the run command starts it again: every
 * acked message is there exactly once, with seqs 1..N and no gap, on H2 and on PostgreSQL.
 */
class CrashIT {

    private static final int SENDERS = 5;
    /** Kill once this many are acked (not after a fixed time: a busy machine acks fewer per second). */
    private static final int ACKED_BEFORE_KILL = 100;

    @Test
    void everyAckedMessageSurvivesAKillOnTheEmbeddedDatabase() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "crash-h2");
        crashAndCheck(Map.of("CHAT_DATA_DIR", data.toAbsolutePath().toString()));
    }

    @Test
    void everyAckedMessageSurvivesAKillOnPostgresql() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "crash-pg");
        try (PostgresSchema schema = PostgresSchema.create("parley_crash")) {
            crashAndCheck(Map.of(
                    "CHAT_DB_URL", schema.jdbcUrl(),
                    "CHAT_DB_USER", PostgresSchema.user(),
                    "CHAT_DATA_DIR", data.toAbsolutePath().toString()));
        }
    }

    private void crashAndCheck(Map<String, String> database) throws Exception {
        Map<String, String> environment = new HashMap<>(database);
        // as fast as acks come back: far above the default per-user message rate
        environment.put("CHAT_RATE_PER_SECOND", "2000");
        environment.put("CHAT_RATE_BURST", "2000");
        String room = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        try (EmbeddedServer server = new EmbeddedServer()) {
            Api api = server.api();
            server.start(environment);
            List<Api.Login> logins = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                logins.add(api.login("Crash" + i));
            }
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> running = new ArrayList<>();
            for (Api.Login login : logins) {
                running.add(senders.submit(() -> sendUntilTheServerDies(api, room, login, acked)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acked.size() < ACKED_BEFORE_KILL && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            server.kill(); // with more messages in flight: the senders never pause
            for (Future<?> sender : running) {
                sender.get(60, TimeUnit.SECONDS);
            }
            senders.shutdown();
            assertThat(acked).as("messages acked before the kill").hasSizeGreaterThanOrEqualTo(ACKED_BEFORE_KILL);

            server.start(environment);
            List<JsonObject> stored = allMessages(api, room, logins.get(0).token());
            Map<String, Long> copies =
                    stored.stream().collect(Collectors.groupingBy(m -> m.getString("id"), Collectors.counting()));
            assertThat(copies.keySet()).as("every acked id is stored").containsAll(acked);
            assertThat(copies.values()).as("none twice").allMatch(n -> n == 1);
            List<Long> seqs =
                    stored.stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("seq without gaps").isEqualTo(i + 1L);
            }

            // a client resending after the restart (the node has forgotten its recent ids): the
            // unique constraint catches it, and it is acked with the seq it was stored under
            JsonObject first = stored.get(0);
            Api.Login author = logins.stream()
                    .filter(l -> l.userId().equals(first.getJsonObject("user").getString("id")))
                    .findFirst()
                    .orElseThrow();
            try (WsClient resender = WsClient.connect(WsClient.roomUri(api.base(), room, author.token()))) {
                resender.next("history");
                resender.send(WsClient.message(first.getString("id"), first.getString("body")));
                JsonObject answer = resender.next(
                        f -> first.getString("id").equals(f.getString("id", null)), java.time.Duration.ofSeconds(30));
                assertThat(answer.getString("type")).as(answer.toString()).isEqualTo("ack");
                assertThat(answer.getJsonNumber("seq").longValue()).isEqualTo(1L);
            }
            assertThat(allMessages(api, room, logins.get(0).token())).hasSameSizeAs(stored);
        }
    }

    /** Keeps a few messages in flight until the connection dies; records each id the server acked. */
    private static void sendUntilTheServerDies(Api api, String room, Api.Login login, Set<String> acked) {
        try (WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, login.token()))) {
            client.next("history");
            Map<String, Boolean> inFlight = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                String id = UUID.randomUUID().toString();
                inFlight.put(id, true);
                client.send(WsClient.message(id, "m " + id));
            }
            while (!client.isClosed()) {
                JsonObject ack;
                try {
                    ack = client.next(f -> "ack".equals(f.getString("type")), java.time.Duration.ofSeconds(1));
                } catch (AssertionError quiet) {
                    continue;
                }
                acked.add(ack.getString("id"));
                inFlight.remove(ack.getString("id"));
                String id = UUID.randomUUID().toString();
                inFlight.put(id, true);
                client.send(WsClient.message(id, "m " + id));
            }
        } catch (AssertionError | RuntimeException connectionGone) {
            // the server was killed: what was acked is what counts
        }
    }

    private static List<JsonObject> allMessages(Api api, String room, String token) {
        List<JsonObject> all = new ArrayList<>();
        Long before = null;
        while (true) {
            JsonObject page = api.get(
                            "api/rooms/" + room + "/messages?limit=200" + (before == null ? "" : "&before=" + before),
                            token)
                    .json();
            List<JsonObject> messages = page.getJsonArray("messages").getValuesAs(JsonObject.class);
            all.addAll(0, messages);
            if (!page.getBoolean("hasMore") || messages.isEmpty()) {
                return all;
            }
            before = messages.get(0).getJsonNumber("seq").longValue();
        }
    }
}
