package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.it.production.PostgresSchema;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL unreachable for 10 s under load (a proxy between the server and the machine's
 * PostgreSQL is cut, so the database and the other tests stay up): every message still gets one
 * answer, {@code store_failed} while the database is gone, nothing acked is lost, and the server
 * stores again once the database is back, without a restart.
 */
class DatabaseOutageIT {

    private static final int SENDERS = 3;

    @Test
    void anOutageRefusesWritesCleanlyLosesNothingAckedAndHealsWithoutARestart() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "outage");
        try (PostgresSchema schema = PostgresSchema.create("parley_outage");
                CuttableProxy proxy = new CuttableProxy(new InetSocketAddress("127.0.0.1", 5432));
                EmbeddedServer server = new EmbeddedServer()) {
            String proxied = schema.jdbcUrl().replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port());
            server.start(Map.of(
                    "CHAT_DB_URL",
                    proxied,
                    "CHAT_DB_USER",
                    PostgresSchema.user(),
                    "CHAT_DATA_DIR",
                    data.toAbsolutePath().toString(),
                    // refusals come back fast during the outage: keep the rate limiter out of it
                    "CHAT_RATE_PER_SECOND",
                    "1000",
                    "CHAT_RATE_BURST",
                    "1000"));
            Api api = server.api();
            String room = "outage-" + UUID.randomUUID().toString().substring(0, 8);
            Set<String> acked = ConcurrentHashMap.newKeySet();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger unanswered = new AtomicInteger();
            AtomicInteger ackedAfterRestore = new AtomicInteger();
            AtomicBoolean restored = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                Api.Login login = api.login("Outage" + s);
                running.add(senders.submit(() -> {
                    try (WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, login.token()))) {
                        client.next("history");
                        while (!stop.get()) {
                            String id = UUID.randomUUID().toString();
                            client.send(WsClient.message(id, "m " + id));
                            JsonObject answer;
                            try {
                                answer = client.next(f -> id.equals(f.getString("id", null)), Duration.ofSeconds(30));
                            } catch (AssertionError none) {
                                unanswered.incrementAndGet();
                                continue;
                            }
                            if ("ack".equals(answer.getString("type"))) {
                                acked.add(id);
                                if (restored.get()) {
                                    ackedAfterRestore.incrementAndGet();
                                }
                            } else {
                                assertThat(answer.getString("code")).isEqualTo("store_failed");
                                refused.incrementAndGet();
                            }
                            client.skipUnread();
                            Thread.sleep(50);
                        }
                    }
                    return null;
                }));
            }
            // the senders are under way once some messages are acked (a slow machine needs longer)
            long warmUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acked.size() < 10 && System.nanoTime() < warmUp) {
                Thread.sleep(100);
            }
            assertThat(check(api, "database").getString("status")).isEqualTo("UP");
            int ackedBefore = acked.size();
            double poolFailuresBefore = poolFailures(api);
            long cutAt = System.nanoTime();
            proxy.cut();
            Api.Response notReady = awaitReadiness(api, 503, Duration.ofSeconds(8));
            JsonObject databaseDown = named(notReady.json(), "database");
            Thread.sleep(Math.max(0, 10_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt)));
            proxy.restore();
            restored.set(true);
            Api.Response readyAgain = awaitReadiness(api, 200, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ackedAfterRestore.get() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            stop.set(true);
            for (Future<?> sender : running) {
                sender.get(90, TimeUnit.SECONDS);
            }
            senders.shutdown();
            System.out.printf(
                    "database outage: %d acked before the cut, %d store_failed, %d unanswered, %d acked after%n",
                    ackedBefore, refused.get(), unanswered.get(), ackedAfterRestore.get());

            assertThat(databaseDown.getString("status")).isEqualTo("DOWN");
            assertThat(databaseDown.getJsonObject("data").getString("problem"))
                    .as("says what is wrong, in words")
                    .contains("database");
            assertThat(named(readyAgain.json(), "database").getString("status")).isEqualTo("UP");
            assertThat(ackedBefore).as("acked before the outage").isPositive();
            assertThat(refused.get())
                    .as("store_failed answers during the outage")
                    .isPositive();
            assertThat(unanswered.get()).as("messages without an answer").isZero();
            assertThat(poolFailures(api) - poolFailuresBefore)
                    .as("connections the pool could not give during the outage (parley_db_connection_failures_total)")
                    .isPositive();
            assertThat(ackedAfterRestore.get())
                    .as("acked after the database came back")
                    .isGreaterThanOrEqualTo(10);
            JsonObject page = api.get(
                            "api/rooms/" + room + "/messages?limit=200",
                            api.login("Outage0").token())
                    .json();
            Map<String, Long> stored = page.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                    .collect(Collectors.groupingBy(m -> m.getString("id"), Collectors.counting()));
            assertThat(page.getBoolean("hasMore")).isFalse();
            assertThat(stored.keySet()).as("every acked message is stored").containsAll(acked);
            assertThat(stored.values()).as("none twice").allMatch(n -> n == 1);
        }
    }

    private static double poolFailures(Api api) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(?m)^parley_db_connection_failures_total ([0-9.eE+-]+)$")
                .matcher(api.get("metrics", null).body());
        assertThat(m.find())
                .as("parley_db_connection_failures_total in /metrics")
                .isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Polls {@code /health/ready} until it answers {@code status}. */
    private static Api.Response awaitReadiness(Api api, int status, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Api.Response last = api.get("health/ready", null);
        while (last.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = api.get("health/ready", null);
        }
        assertThat(last.status()).as("readiness: " + last.body()).isEqualTo(status);
        return last;
    }

    private static JsonObject check(Api api, String name) {
        return named(api.get("health/ready", null).json(), name);
    }

    private static JsonObject named(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> name.equals(c.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check named " + name + " in " + health));
    }
}
