package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.it.production.PostgresSchema;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two embedded servers ({@code ./run.sh}, Payara Micro) on one PostgreSQL schema and one Redis,
 * each with its own data folder (so its own dev signing key until the cluster agrees on one),
 * with clients on both: as an operator runs two nodes behind a load balancer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String FIRST = UUID.randomUUID().toString();
    private static final String DURING_OUTAGE = UUID.randomUUID().toString();
    private static final String AFTER_OUTAGE = UUID.randomUUID().toString();
    private static final String BEFORE_KILL = UUID.randomUUID().toString();
    private static final String AFTER_KILL = UUID.randomUUID().toString();
    private static final Duration NODE_DEATH_NOTICED = Duration.ofSeconds(15);

    private final RedisServer redis;
    private final EmbeddedServer one;
    private final EmbeddedServer two;
    private PostgresSchema schema;

    ClusterIT() throws Exception {
        redis = new RedisServer();
        one = new EmbeddedServer();
        two = new EmbeddedServer();
    }

    @BeforeAll
    void startTwoNodes() throws Exception {
        FakeLlm.start();
        redis.start();
        schema = PostgresSchema.create("parley_cluster");
        CompletableFuture<Void> first = startAsync(one, "one");
        CompletableFuture<Void> second = startAsync(two, "two");
        first.join();
        second.join();
    }

    private CompletableFuture<Void> startAsync(EmbeddedServer node, String name) throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "cluster-" + name);
        Map<String, String> environment = Map.of(
                "CHAT_DB_URL", schema.jdbcUrl(),
                "CHAT_DB_USER", PostgresSchema.user(),
                "CHAT_DATA_DIR", data.toAbsolutePath().toString(),
                "CHAT_REDIS_URL", redis.url(),
                "CHAT_LLM_BASE_URL", "http://127.0.0.1:" + FakeLlm.PORT + "/v1");
        return CompletableFuture.runAsync(() -> {
            try {
                node.start(environment);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    void stopAll() throws Exception {
        one.stop();
        two.stop();
        redis.close();
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    @Order(1)
    void aRoomSpansBothNodes() {
        String room = room();
        Api.Login alice = one.api().login("Alice");
        Api.Login bob = one.api().login("Bob"); // logged in on node one, used on node two

        try (WsClient aliceOnOne = join(one, room, alice.token(), null);
                WsClient bobOnTwo = join(two, room, bob.token(), null)) {
            assertThat(aliceOnOne.next(joinOf("Bob"), WsClient.WAIT)).isNotNull();
            JsonObject bobsWelcome = bobOnTwo.received().get(0);
            assertThat(names(bobsWelcome)).as("bob's welcome on node two").contains("Alice", "Bob");

            aliceOnOne.send(WsClient.message(FIRST, "hello from node one"));
            long seq = aliceOnOne.next("ack").getJsonNumber("seq").longValue();
            JsonObject delivered =
                    bobOnTwo.next(messageWithId(FIRST), WsClient.WAIT).getJsonObject("message");
            assertThat(delivered.getString("body")).isEqualTo("hello from node one");
            assertThat(delivered.getJsonNumber("seq").longValue()).isEqualTo(seq);

            bobOnTwo.send(jsonOf("{\"type\":\"typing\",\"typing\":true}"));
            JsonObject typing = aliceOnOne.next(f -> "typing".equals(f.getString("type")), WsClient.WAIT);
            assertThat(typing.getJsonObject("user").getString("name")).isEqualTo("Bob");

            for (EmbeddedServer node : List.of(one, two)) {
                JsonObject presence = node.api()
                        .get("api/rooms/" + room + "/presence", alice.token())
                        .json();
                assertThat(presence.getJsonArray("users").getValuesAs(JsonObject.class))
                        .as("presence on " + node.api().base())
                        .extracting(u -> u.getString("name"))
                        .containsExactlyInAnyOrder("Alice", "Bob");
            }

            bobOnTwo.close();
            assertThat(aliceOnOne.next(leaveOf("Bob"), WsClient.WAIT)).isNotNull();
        }
    }

    @Test
    @Order(2)
    void editsReactionsReadMarkersAndACatchUpReachEveryNodeTheyAreFor() {
        String room = room();
        Api.Login alice = one.api().login("Alice");
        Api.Login bob = one.api().login("Bob");
        try (WsClient aliceOnOne = join(one, room, alice.token(), null);
                WsClient bobOnTwo = join(two, room, bob.token(), null);
                WsClient bobOnOne = join(one, room, bob.token(), null)) {
            String id = UUID.randomUUID().toString();
            aliceOnOne.send(WsClient.message(id, "draft from node one"));
            long seq = aliceOnOne.next("ack").getJsonNumber("seq").longValue();
            bobOnTwo.next(messageWithId(id), WsClient.WAIT);

            aliceOnOne.send(jsonOf("{\"type\":\"edit\",\"id\":\"" + id + "\",\"body\":\"final from node one\"}"));
            JsonObject edited = bobOnTwo.next(updateOf(id), WsClient.WAIT).getJsonObject("message");
            assertThat(edited.getString("body")).isEqualTo("final from node one");
            assertThat(edited.containsKey("editedAt")).isTrue();

            bobOnTwo.send(jsonOf("{\"type\":\"react\",\"id\":\"" + id + "\",\"emoji\":\"🎉\"}"));
            JsonObject reacted = aliceOnOne
                    .next(updateOf(id).and(f -> f.getJsonObject("message").containsKey("reactions")), WsClient.WAIT)
                    .getJsonObject("message");
            assertThat(reacted.getJsonArray("reactions").getJsonObject(0).getString("emoji"))
                    .isEqualTo("🎉");

            bobOnTwo.send(jsonOf("{\"type\":\"read\",\"seq\":" + seq + "}"));
            assertThat(bobOnOne.next(f -> "read".equals(f.getString("type")), WsClient.WAIT)
                            .getJsonNumber("seq")
                            .longValue())
                    .as("bob's other connection, on the other node, hears where he read to")
                    .isEqualTo(seq);

            bobOnOne.send(jsonOf("{\"type\":\"catchup\",\"since\":" + (seq - 1) + "}"));
            JsonObject end = bobOnTwo.next(f -> "summaryEnd".equals(f.getString("type")), Duration.ofSeconds(20));
            assertThat(end.getString("status")).isEqualTo("complete");
            assertThat(end.getJsonArray("sources").getJsonNumber(0).longValue()).isEqualTo(seq);
            aliceOnOne.assertNone(f -> f.getString("type").startsWith("summary"), Duration.ofMillis(500));
        }
    }

    private static Predicate<JsonObject> updateOf(String id) {
        return f -> "update".equals(f.getString("type"))
                && id.equals(f.getJsonObject("message").getString("id"));
    }

    @Test
    @Order(2)
    void aUserWithSocketsOnBothNodesJoinsOnceAndLeavesOnce() {
        String room = room();
        Api.Login alice = one.api().login("Alice");
        Api.Login carol = two.api().login("Carol");
        try (WsClient watcher = join(one, room, alice.token(), null)) {
            WsClient carolOnOne = join(one, room, carol.token(), null);
            WsClient carolOnTwo = join(two, room, carol.token(), null);
            watcher.next(joinOf("Carol"), WsClient.WAIT);
            carolOnOne.close();
            watcher.assertNone(leaveOf("Carol").or(joinOf("Carol")), Duration.ofSeconds(1));
            carolOnTwo.close();
            assertThat(watcher.next(leaveOf("Carol"), WsClient.WAIT)).isNotNull();
        }
    }

    @Test
    @Order(3)
    void newRoomSettingsCloseOutsidersOnEveryNode() {
        String room = room();
        Api.Login owner = one.api().loginWithGroups("Owner", "team-a");
        Api.Login outsider = two.api().login("Outsider");
        try (WsClient ownerOnOne = join(one, room, owner.token(), null);
                WsClient outsiderOnTwo = join(two, room, outsider.token(), null)) {
            Api.Response changed =
                    one.api().put("api/rooms/" + room, owner.token(), "{\"allowedGroups\":[\"team-a\"]}");
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);

            assertThat(outsiderOnTwo.awaitClose().code()).isEqualTo(1008);
            assertThat(ownerOnOne.isClosed()).isFalse();
        }
    }

    @Test
    @Order(4)
    void aReplyStreamsToBothNodesAndAStopFromTheOtherNodeEndsIt() {
        String room = room();
        Api.Login alice = one.api().login("Alice");
        Api.Login bob = two.api().login("Bob");
        try (WsClient aliceOnOne = join(one, room, alice.token(), null);
                WsClient bobOnTwo = join(two, room, bob.token(), null)) {
            aliceOnOne.send(WsClient.message(UUID.randomUUID().toString(), "@assistant sing slow"));
            JsonObject firstDelta = bobOnTwo.next(f -> "delta".equals(f.getString("type")), WsClient.WAIT);
            String replyId = firstDelta.getString("messageId");
            aliceOnOne.next(f -> "delta".equals(f.getString("type")), WsClient.WAIT);

            // a newcomer on the node that does not stream: the body so far, then exactly the rest
            try (WsClient carolOnTwo = join(two, room, two.api().login("Carol").token(), null)) {
                JsonObject history = carolOnTwo.next("history");
                JsonObject soFar = history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                        .filter(m -> replyId.equals(m.getString("id")))
                        .findFirst()
                        .orElseThrow();
                assertThat(soFar.getString("status")).isEqualTo("streaming");
                assertThat(soFar.getString("body")).as("body so far").isNotEmpty();

                bobOnTwo.send("{\"type\":\"stop\"}"); // the reply streams on node one
                JsonObject complete = aliceOnOne.next(f -> "complete".equals(f.getString("type")), WsClient.WAIT);
                assertThat(complete.getJsonObject("message").getString("status"))
                        .isEqualTo("stopped");
                String finalBody = complete.getJsonObject("message").getString("body");

                carolOnTwo.next(f -> "complete".equals(f.getString("type")), WsClient.WAIT);
                StringBuilder rebuilt = new StringBuilder(soFar.getString("body"));
                carolOnTwo.received().stream()
                        .filter(f -> "delta".equals(f.getString("type")))
                        .forEach(f -> rebuilt.append(f.getString("text")));
                assertThat(rebuilt.toString())
                        .as("so far + the deltas after it")
                        .isEqualTo(finalBody);
                assertThat(finalBody.split("la ", -1).length - 1)
                        .as("stopped before all 30 tokens")
                        .isLessThan(30);
            }
        }
    }

    @Test
    @Order(5)
    void oneReplyAtATimePerRoomAcrossNodes() {
        String room = room();
        Api.Login alice = one.api().login("Alice");
        Api.Login bob = two.api().login("Bob");
        try (WsClient aliceOnOne = join(one, room, alice.token(), null);
                WsClient bobOnTwo = join(two, room, bob.token(), null)) {
            aliceOnOne.send(WsClient.message(UUID.randomUUID().toString(), "@assistant first question, slow"));
            bobOnTwo.next(f -> "delta".equals(f.getString("type")), WsClient.WAIT); // node one streams now
            bobOnTwo.send(WsClient.message(UUID.randomUUID().toString(), "@assistant second question"));
            aliceOnOne.next(f -> "complete".equals(f.getString("type")), Duration.ofSeconds(20));
            aliceOnOne.next(f -> "complete".equals(f.getString("type")), Duration.ofSeconds(20));

            // the second reply started only after the first was complete, whichever node ran it
            String streamingNow = null;
            for (JsonObject frame : aliceOnOne.received()) {
                String type = frame.getString("type");
                if ("message".equals(type)
                        && "assistant".equals(frame.getJsonObject("message").getString("role"))) {
                    assertThat(streamingNow)
                            .as("a reply started while another streamed")
                            .isNull();
                    streamingNow = frame.getJsonObject("message").getString("id");
                } else if ("complete".equals(type)) {
                    assertThat(frame.getJsonObject("message").getString("id")).isEqualTo(streamingNow);
                    streamingNow = null;
                }
            }
        }
    }

    @Test
    @Order(6)
    void whileRedisIsDownEachNodeServesItsOwnClientsAndAfterwardsEveryoneCatchesUp() throws Exception {
        String room = room();
        Api.Login alice = one.api().login("Alice");
        Api.Login bob = two.api().login("Bob");
        WsClient aliceOnOne = join(one, room, alice.token(), null);
        WsClient bobOnTwo = join(two, room, bob.token(), null);
        aliceOnOne.next(joinOf("Bob"), WsClient.WAIT);

        redis.kill();
        aliceOnOne.send(WsClient.message(DURING_OUTAGE, "said while Redis was down"));
        assertThat(aliceOnOne.next("ack").getString("id")).isEqualTo(DURING_OUTAGE);
        JsonObject redisCheck = awaitFanout(one, "degraded");
        assertThat(redisCheck.getString("status"))
                .as("readiness stays UP: the node serves")
                .isEqualTo("UP");

        redis.start();
        // both nodes reconnect their clients so that they resume with since and miss nothing
        assertThat(aliceOnOne.awaitClose().code()).isEqualTo(1012);
        assertThat(bobOnTwo.awaitClose().code()).isEqualTo(1012);
        try (WsClient bobAgain = join(two, room, bob.token(), 0L)) {
            JsonObject history = bobAgain.next("history");
            assertThat(history.getJsonArray("messages").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("id"))
                    .contains(DURING_OUTAGE);
            try (WsClient aliceAgain = join(one, room, alice.token(), null)) {
                aliceAgain.send(WsClient.message(AFTER_OUTAGE, "and back"));
                assertThat(bobAgain.next(messageWithId(AFTER_OUTAGE), WsClient.WAIT))
                        .isNotNull();
            }
        }
        awaitFanout(one, "connected");
        awaitFanout(two, "connected");
    }

    @Test
    @Order(7)
    void aKilledNodesUsersLeaveAndItsClientsResumeOnTheOtherNode() throws Exception {
        String room = room();
        Api.Login alice = one.api().login("Alice");
        Api.Login bob = two.api().login("Bob");
        try (WsClient aliceOnOne = join(one, room, alice.token(), null)) {
            WsClient bobOnTwo = join(two, room, bob.token(), null);
            aliceOnOne.next(joinOf("Bob"), WsClient.WAIT);
            aliceOnOne.send(WsClient.message(BEFORE_KILL, "one"));
            long lastSeenByBob = bobOnTwo.next(messageWithId(BEFORE_KILL), WsClient.WAIT)
                    .getJsonObject("message")
                    .getJsonNumber("seq")
                    .longValue();

            two.kill();
            aliceOnOne.send(WsClient.message(AFTER_KILL, "two"));
            aliceOnOne.next("ack");
            assertThat(aliceOnOne.next(leaveOf("Bob"), NODE_DEATH_NOTICED))
                    .as("bob leaves once node two stopped beating")
                    .isNotNull();

            try (WsClient bobOnOne = join(one, room, bob.token(), lastSeenByBob)) {
                JsonObject history = bobOnOne.next("history");
                assertThat(history.getJsonArray("messages").getValuesAs(JsonObject.class))
                        .extracting(m -> m.getString("id"))
                        .containsExactly(AFTER_KILL);
            }
        }
    }

    private static WsClient join(EmbeddedServer node, String room, String token, Long since) {
        WsClient client = WsClient.connect(WsClient.roomUri(node.api().base(), room, token, since));
        client.next("welcome");
        return client;
    }

    /** Polls the node's readiness until its redis check's fanout state starts with {@code state}. */
    private static JsonObject awaitFanout(EmbeddedServer node, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonObject redisCheck = check(node, "redis");
        while (!redisCheck.getJsonObject("data").getString("fanout").startsWith(state)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            redisCheck = check(node, "redis");
        }
        assertThat(redisCheck.getJsonObject("data").getString("fanout"))
                .as(redisCheck.toString())
                .startsWith(state);
        return redisCheck;
    }

    private static JsonObject check(EmbeddedServer node, String name) {
        JsonObject ready = node.api().get("health/ready", null).json();
        return ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> name.equals(c.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + ready));
    }

    private static List<String> names(JsonObject welcome) {
        return welcome.getJsonArray("presence").getValuesAs(JsonObject.class).stream()
                .map(u -> u.getString("name"))
                .toList();
    }

    private static Predicate<JsonObject> messageWithId(String id) {
        return f -> "message".equals(f.getString("type"))
                && id.equals(f.getJsonObject("message").getString("id"));
    }

    private static Predicate<JsonObject> joinOf(String name) {
        return f -> "join".equals(f.getString("type"))
                && name.equals(f.getJsonObject("user").getString("name"));
    }

    private static Predicate<JsonObject> leaveOf(String name) {
        return f -> "leave".equals(f.getString("type"))
                && name.equals(f.getJsonObject("user").getString("name"));
    }

    private static JsonObject jsonOf(String json) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String room() {
        return "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
