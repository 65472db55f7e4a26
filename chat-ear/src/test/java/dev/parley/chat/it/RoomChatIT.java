package dev.parley.chat.it;

import static dev.parley.chat.it.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rooms over the WebSocket: every frame of the contract, its errors, and resume. */
class RoomChatIT extends DeployedAppIT {

    String room;

    @BeforeEach
    void freshRoom() {
        room = "room-" + UUID.randomUUID().toString().substring(0, 8);
    }

    WsClient join(Api.Login login) {
        return WsClient.connect(WsClient.roomUri(api.base(), room, login.token()));
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void welcomeThenHistoryComeFirstAndListTheNewcomer() {
        Api.Login alice = api.login("Alice");
        try (WsClient client = join(alice)) {
            JsonObject welcome = client.first();
            assertThat(welcome.getString("type")).isEqualTo("welcome");
            assertThat(welcome.getJsonObject("you").getString("id")).isEqualTo(alice.userId());
            assertThat(welcome.getString("room")).isEqualTo(room);
            assertThat(welcome.getJsonNumber("lastSeq").longValue()).isZero();
            assertThat(welcome.getJsonArray("presence").getValuesAs(JsonObject.class))
                    .extracting(u -> u.getString("name"))
                    .containsExactly("Alice");
            JsonObject history = client.first();
            assertThat(history.getString("type")).isEqualTo("history");
            assertThat(history.getJsonArray("messages")).isEmpty();
            assertThat(history.getBoolean("hasMore")).isFalse();
        }
    }

    @Test
    void theSenderGetsAnAckAndEveryOtherConnectionTheMessage() {
        Api.Login alice = api.login("Alice");
        Api.Login bob = api.login("Bob");
        try (WsClient aliceTab = join(alice);
                WsClient aliceOtherTab = join(alice);
                WsClient bobTab = join(bob)) {
            awaitHistory(aliceTab, aliceOtherTab, bobTab);
            String id = id();
            aliceTab.send(message(id, "hello <b>world</b>"));

            JsonObject ack = aliceTab.next("ack");
            assertThat(ack.getString("id")).isEqualTo(id);
            assertThat(ack.getJsonNumber("seq").longValue()).isEqualTo(1);
            for (WsClient other : List.of(aliceOtherTab, bobTab)) {
                JsonObject message = other.next("message").getJsonObject("message");
                assertThat(message.getString("id")).isEqualTo(id);
                assertThat(message.getJsonNumber("seq").longValue()).isEqualTo(1);
                assertThat(message.getString("room")).isEqualTo(room);
                assertThat(message.getString("body")).isEqualTo("hello <b>world</b>");
                assertThat(message.getString("role")).isEqualTo("user");
                assertThat(message.getString("status")).isEqualTo("complete");
                assertThat(message.getJsonObject("user").getString("name")).isEqualTo("Alice");
                assertThat(message.getString("createdAt")).endsWith("Z");
            }
            aliceTab.assertNone(frame -> "message".equals(frame.getString("type")), Duration.ofMillis(300));
        }
    }

    @Test
    void aRetryIsAckedWithTheFirstSeqAndNeitherStoredNorSentTwice() {
        Api.Login alice = api.login("Alice");
        try (WsClient sender = join(alice);
                WsClient watcher = join(api.login("Watcher"))) {
            awaitHistory(sender, watcher);
            String id = id();
            sender.send(message(id, "first"));
            long seq = sender.next("ack").getJsonNumber("seq").longValue();
            sender.send(message(id, "a different body, same id"));
            assertThat(sender.next("ack").getJsonNumber("seq").longValue()).isEqualTo(seq);
            sender.send(message(id(), "next"));
            assertThat(sender.next("ack").getJsonNumber("seq").longValue()).isEqualTo(seq + 1);

            assertThat(watcher.next("message").getJsonObject("message").getString("body"))
                    .isEqualTo("first");
            assertThat(watcher.next("message").getJsonObject("message").getString("body"))
                    .isEqualTo("next");
            JsonObject page =
                    api.get("api/rooms/" + room + "/messages", alice.token()).json();
            assertThat(page.getJsonArray("messages")).hasSize(2);
        }
    }

    @Test
    void anIdAnotherUserAlreadyUsedIsABadRequest() {
        try (WsClient alice = join(api.login("Alice"));
                WsClient bob = join(api.login("Bob"))) {
            awaitHistory(alice, bob);
            String id = id();
            alice.send(message(id, "mine"));
            alice.next("ack");
            bob.send(message(id, "stolen"));
            JsonObject error = bob.next("error");
            assertThat(error.getString("code")).isEqualTo("bad_request");
            assertThat(error.getString("id")).isEqualTo(id);
            alice.assertNone(f -> "message".equals(f.getString("type")), Duration.ofMillis(300));
        }
    }

    @Test
    void aLateJoinerGetsTheLast50AndResumeGetsEverythingAfterSince() {
        List<Api.Login> senders = List.of(api.login("S1"), api.login("S2"), api.login("S3"));
        for (Api.Login sender : senders) {
            try (WsClient client = join(sender)) {
                awaitHistory(client);
                for (int i = 0; i < 20; i++) {
                    client.send(message(id(), sender.name() + " #" + i));
                }
                for (int i = 0; i < 20; i++) {
                    client.next("ack");
                }
            }
        }
        Api.Login late = api.login("Late");
        try (WsClient client = join(late)) {
            JsonObject welcome = client.next("welcome");
            assertThat(welcome.getJsonNumber("lastSeq").longValue()).isEqualTo(60);
            JsonObject history = client.next("history");
            List<JsonObject> messages = history.getJsonArray("messages").getValuesAs(JsonObject.class);
            assertThat(history.getBoolean("hasMore")).isTrue();
            assertThat(messages).hasSize(50);
            assertThat(messages)
                    .extracting(m -> m.getJsonNumber("seq").longValue())
                    .containsExactlyElementsOf(seqs(11, 60));
        }
        try (WsClient resumed = WsClient.connect(WsClient.roomUri(api.base(), room, late.token(), 55L))) {
            resumed.next("welcome");
            JsonObject history = resumed.next("history");
            assertThat(history.getJsonArray("messages").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getJsonNumber("seq").longValue())
                    .containsExactlyElementsOf(seqs(56, 60));
            assertThat(history.getBoolean("hasMore")).isFalse();
        }
    }

    @Test
    void messagesSentWhileOthersConnectAreNeitherLostNorDoubled() throws Exception {
        Api.Login writer = api.login("Writer");
        Api.Login reader = api.login("Reader");
        try (WsClient source = join(writer)) {
            awaitHistory(source);
            Thread sending = new Thread(() -> {
                for (int i = 0; i < 20; i++) {
                    source.send(message(id(), "m" + i));
                    sleep(25);
                }
            });
            sending.start();
            for (int i = 0; i < 5; i++) {
                source.next("ack"); // some are stored before the reader connects
            }
            long since = 0;
            Set<Long> seen = new HashSet<>();
            try (WsClient first = join(reader)) {
                first.next("welcome");
                collect(first.next("history"), seen);
                long live = first.next("message")
                        .getJsonObject("message")
                        .getJsonNumber("seq")
                        .longValue();
                assertThat(seen.add(live))
                        .as("a live message the history did not have")
                        .isTrue();
                since = drainMessages(first, seen);
            }
            try (WsClient second = WsClient.connect(WsClient.roomUri(api.base(), room, reader.token(), since))) {
                second.next("welcome");
                collect(second.next("history"), seen, since);
                sending.join();
                long deadline = System.currentTimeMillis() + 5000;
                while (seen.size() < 20 && System.currentTimeMillis() < deadline) {
                    JsonObject frame = second.next("message");
                    assertThat(seen.add(frame.getJsonObject("message")
                                    .getJsonNumber("seq")
                                    .longValue()))
                            .as("each seq once")
                            .isTrue();
                }
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(seqs(1, 20));
        }
    }

    @Test
    void typingAndCursorGoToOthersAndPingGetsPong() {
        Api.Login alice = api.login("Alice");
        try (WsClient a = join(alice);
                WsClient b = join(api.login("Bob"))) {
            awaitHistory(a, b);
            a.send("{\"type\":\"typing\",\"typing\":true}");
            JsonObject typing = b.next("typing");
            assertThat(typing.getBoolean("typing")).isTrue();
            assertThat(typing.getJsonObject("user").getString("id")).isEqualTo(alice.userId());

            a.send("{\"type\":\"cursor\",\"x\":0.25,\"y\":0.75}");
            JsonObject cursor = b.next("cursor");
            assertThat(cursor.getJsonNumber("x").doubleValue()).isEqualTo(0.25);
            assertThat(cursor.getJsonNumber("y").doubleValue()).isEqualTo(0.75);
            a.assertNone(
                    f -> "typing".equals(f.getString("type")) || "cursor".equals(f.getString("type")),
                    Duration.ofMillis(200));

            a.send("{\"type\":\"ping\"}");
            a.next("pong"); // fails the test if no pong comes
        }
    }

    @Test
    void badFramesGetErrorsAndTheConnectionStaysOpen() {
        try (WsClient client = join(api.login("Mallory"));
                WsClient other = join(api.login("Other"))) {
            awaitHistory(client, other);
            assertError(client, "not json", "bad_request", null);
            assertError(client, "[1,2]", "bad_request", null);
            assertError(client, "{\"type\":\"dance\"}", "bad_request", null);
            assertError(client, "{}", "bad_request", null);
            assertError(client, "{\"type\":\"message\",\"body\":\"no id\"}", "bad_request", null);
            assertError(client, message("not-a-uuid", "x").toString(), "bad_request", "not-a-uuid");
            String blank = id();
            assertError(client, message(blank, "   ").toString(), "bad_request", blank);
            String big = id();
            assertError(client, message(big, "😀".repeat(4001)).toString(), "too_large", big);
            assertError(client, "{\"type\":\"cursor\",\"x\":2,\"y\":0}", "bad_request", null);

            String fits = id();
            client.send(message(fits, "😀".repeat(4000)));
            assertThat(client.next("ack").getString("id")).isEqualTo(fits);
            assertThat(other.next("message").getJsonObject("message").getString("id"))
                    .isEqualTo(fits);
            other.assertNone(f -> "message".equals(f.getString("type")), Duration.ofMillis(200));
        }
    }

    @Test
    void fieldsOfTheWrongJsonTypeAreRefusedWithTheIdAndNothingIsStored() {
        Api.Login mallory = api.login("Typist-" + room);
        try (WsClient client = join(mallory);
                WsClient other = join(api.login("Other"))) {
            awaitHistory(client, other);
            other.skipUnread();
            String number = id();
            assertError(client, "{\"type\":\"message\",\"id\":\"" + number + "\",\"body\":42}", "bad_request", number);
            String array = id();
            assertError(
                    client, "{\"type\":\"message\",\"id\":\"" + array + "\",\"body\":[\"hi\"]}", "bad_request", array);
            assertError(client, "{\"type\":\"typing\",\"typing\":\"yes\"}", "bad_request", null);
            assertError(client, "{\"type\":\"cursor\",\"x\":\"0.5\",\"y\":0.5}", "bad_request", null);
            assertError(client, "{\"type\":\"ping\"} trailing", "bad_request", null);
            assertError(
                    client,
                    "{\"type\":\"ping\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                    "bad_request",
                    null);
            other.assertNone(f -> !"pong".equals(f.getString("type")), Duration.ofMillis(300));
            JsonObject page =
                    api.get("api/rooms/" + room + "/messages", mallory.token()).json();
            assertThat(page.getJsonArray("messages")).isEmpty();
            client.send("{\"type\":\"ping\"}");
            client.next("pong"); // fails the test if no pong comes
        }
    }

    @Test
    void aTypingFloodReachesOthersAsAFewChangesAndTheFlooderIsClosed() {
        try (WsClient flooder = join(api.login("Flood-" + room));
                WsClient reader = join(api.login("Reader"))) {
            awaitHistory(flooder, reader);
            try {
                for (int i = 0; i < 5_000 && !flooder.isClosed(); i++) {
                    flooder.send("{\"type\":\"typing\",\"typing\":" + (i % 2 == 0) + "}");
                }
            } catch (java.util.concurrent.CompletionException closedUnderUs) {
                // the server closed the flooder while it was still sending: what this test expects
            }
            WsClient.Close close = flooder.awaitClose();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).contains("too many frames");

            reader.next(f -> "leave".equals(f.getString("type")), WsClient.WAIT);
            long typingSeen = reader.received().stream()
                    .filter(f -> "typing".equals(f.getString("type")))
                    .count();
            assertThat(typingSeen).as("typing frames relayed of 5,000 sent").isBetween(1L, 40L);
            reader.send(message(id(), "still here"));
            assertThat(reader.next("ack").getJsonNumber("seq").longValue()).isEqualTo(1);
        }
    }

    @Test
    void oneUserMayNotOpenMoreThanTheSocketCap() {
        Api.Login hoarder = api.login("Hoarder-" + room);
        List<WsClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 32; i++) {
                WsClient client = join(hoarder);
                awaitHistory(client);
                open.add(client);
            }
            try (WsClient oneTooMany = join(hoarder)) {
                WsClient.Close close = oneTooMany.awaitClose();
                assertThat(close.code()).isEqualTo(1008);
                assertThat(close.reason()).contains("too many connections");
            }
            open.remove(0).close();
            try (WsClient afterOneClosed = join(hoarder)) {
                assertThat(afterOneClosed.next("welcome").getString("room")).isEqualTo(room);
            }
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void aFrameOver64KiBClosesTheConnectionWith1009() {
        try (WsClient client = join(api.login("Big"))) {
            awaitHistory(client);
            client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void aFloodIsRateLimitedAndEveryMessageGetsExactlyOneAnswer() {
        Api.Login flooder = api.login("Flooder-" + room);
        try (WsClient client = join(flooder);
                WsClient watcher = join(api.login("Watcher"))) {
            awaitHistory(client, watcher);
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = id();
                ids.add(id);
                client.send(message(id, "flood " + i));
            }
            Map<String, String> answers = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                JsonObject answer = client.next(
                        f -> "ack".equals(f.getString("type")) || "error".equals(f.getString("type")), WsClient.WAIT);
                String kind = "ack".equals(answer.getString("type")) ? "ack" : answer.getString("code");
                assertThat(answers.put(answer.getString("id"), kind))
                        .as("one answer per id")
                        .isNull();
            }
            assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            long acked = answers.values().stream().filter("ack"::equals).count();
            assertThat(acked).isBetween(20L, 25L);
            assertThat(answers.values()).filteredOn(v -> !v.equals("ack")).containsOnly("rate_limited");
            client.assertNone(
                    f -> "ack".equals(f.getString("type")) || "error".equals(f.getString("type")),
                    Duration.ofMillis(300));
            JsonObject page = api.get("api/rooms/" + room + "/messages?limit=200", flooder.token())
                    .json();
            assertThat(page.getJsonArray("messages")).hasSize((int) acked);
        }
    }

    @Test
    void joinAndLeaveFollowTheFirstAndLastConnectionOfAUser() {
        Api.Login alice = api.login("Alice");
        Api.Login bob = api.login("Bob");
        try (WsClient observer = join(alice)) {
            awaitHistory(observer);
            WsClient bob1 = join(bob);
            assertThat(observer.next("join").getJsonObject("user").getString("id"))
                    .isEqualTo(bob.userId());
            WsClient bob2 = join(bob);
            awaitHistory(bob1, bob2);
            JsonObject presence =
                    api.get("api/rooms/" + room + "/presence", alice.token()).json();
            assertThat(presence.getString("room")).isEqualTo(room);
            assertThat(presence.getJsonArray("users").getValuesAs(JsonObject.class))
                    .extracting(u -> u.getString("name") + ":" + u.getInt("connections"))
                    .containsExactlyInAnyOrder("Alice:1", "Bob:2");
            observer.assertNone(f -> "join".equals(f.getString("type")), Duration.ofMillis(200));
            bob1.close();
            observer.assertNone(f -> "leave".equals(f.getString("type")), Duration.ofMillis(300));
            bob2.close();
            assertThat(observer.next("leave").getJsonObject("user").getString("id"))
                    .isEqualTo(bob.userId());
        }
    }

    @Test
    void badRoomsSinceAndOriginsAreRefusedBeforeUpgrading() {
        String token = api.login("Eve").token();
        for (java.net.URI uri : List.of(
                java.net.URI.create(
                        api.base().toString().replaceFirst("^http", "ws") + "ws/rooms/Bad_Room?access_token=" + token),
                WsClient.roomUri(api.base(), "-starts-with-dash", token),
                java.net.URI.create(WsClient.roomUri(api.base(), room, token) + "&since=-1"),
                java.net.URI.create(WsClient.roomUri(api.base(), room, token) + "&since=abc"))) {
            WsClient.Refusal refusal = WsClient.refusal(uri);
            assertThat(refusal.status()).as(uri.toString()).isEqualTo(400);
            assertThat(refusal.body().getString("code")).isEqualTo("bad_request");
        }
        WsClient.Refusal evil =
                WsClient.refusal(WsClient.roomUri(api.base(), room, token), Map.of("Origin", "https://evil.example"));
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.body().getString("message")).contains("origin");

        String self = api.base().toString().replaceAll("/$", "");
        try (WsClient sameOrigin =
                WsClient.connect(WsClient.roomUri(api.base(), room, token), Map.of("Origin", self))) {
            assertThat(sameOrigin.next("welcome").getString("room")).isEqualTo(room);
        }
    }

    @Test
    void restPagesHistoryBackwardsAndValidatesItsParameters() {
        Api.Login alice = api.login("Pager");
        try (WsClient client = join(alice)) {
            awaitHistory(client);
            for (int i = 1; i <= 12; i++) {
                client.send(message(id(), "p" + i));
            }
            for (int i = 1; i <= 12; i++) {
                client.next("ack");
            }
        }
        JsonObject latest = api.get("api/rooms/" + room + "/messages?limit=5", alice.token())
                .json();
        assertThat(seqsOf(latest)).containsExactlyElementsOf(seqs(8, 12));
        assertThat(latest.getBoolean("hasMore")).isTrue();
        JsonObject older = api.get("api/rooms/" + room + "/messages?before=8&limit=5", alice.token())
                .json();
        assertThat(seqsOf(older)).containsExactlyElementsOf(seqs(3, 7));
        JsonObject oldest = api.get("api/rooms/" + room + "/messages?before=3&limit=5", alice.token())
                .json();
        assertThat(seqsOf(oldest)).containsExactly(1L, 2L);
        assertThat(oldest.getBoolean("hasMore")).isFalse();

        JsonObject unused = api.get("api/rooms/never-used-" + room + "/messages", alice.token())
                .json();
        assertThat(unused.getJsonArray("messages")).isEmpty();
        for (String query : List.of("?limit=0", "?limit=201", "?limit=x", "?before=0", "?before=abc")) {
            Api.Response bad = api.get("api/rooms/" + room + "/messages" + query, alice.token());
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.json().getString("code")).isEqualTo("bad_request");
        }
        assertThat(api.get("api/rooms/Bad_Room/messages", alice.token()).status())
                .isEqualTo(400);
    }

    @Test
    void roomsAreListedWithOnlineCountsAndConfiguredByTheirCreator() {
        Api.Login creator = api.login("Creator-" + room);
        Api.Login stranger = api.login("Stranger");
        Api.Login admin = api.loginWithGroups("Root", "admin");
        try (WsClient owner = join(creator);
                WsClient guest = join(stranger)) {
            awaitHistory(owner, guest);
            owner.send(message(id(), "hi"));
            owner.next("ack");
            JsonObject listed = api.get("api/rooms", creator.token()).array().getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getString("name").equals(room))
                    .findFirst()
                    .orElseThrow();
            assertThat(listed.getInt("online")).isEqualTo(2);
            assertThat(listed.getJsonNumber("lastSeq").longValue()).isEqualTo(1);
            assertThat(listed.getString("lastActivityAt")).endsWith("Z");

            assertThat(api.put("api/rooms/" + room, stranger.token(), "{\"title\":\"mine now\"}")
                            .status())
                    .isEqualTo(403);
            Api.Response renamed = api.put(
                    "api/rooms/" + room,
                    creator.token(),
                    "{\"title\":\"Planning\",\"assistant\":\"off\",\"persona\":\"Be brief.\"}");
            assertThat(renamed.status()).isEqualTo(200);
            assertThat(renamed.json().getString("title")).isEqualTo("Planning");
            assertThat(renamed.json().getString("assistant")).isEqualTo("off");
            JsonObject roomFrame = guest.next("room").getJsonObject("room");
            assertThat(roomFrame.getString("title")).isEqualTo("Planning");
            JsonObject settings = api.get("api/rooms/" + room, stranger.token()).json();
            assertThat(settings.getString("title")).isEqualTo("Planning");
            assertThat(settings.getString("assistant")).isEqualTo("off");
            assertThat(settings.getString("persona")).isEqualTo("Be brief.");
            JsonObject unused = api.get("api/rooms/never-used-" + id().substring(0, 8), stranger.token())
                    .json();
            assertThat(unused.getString("assistant")).isEqualTo("mention");
            assertThat(unused.getJsonNumber("lastSeq").longValue()).isZero();
            assertThat(api.put("api/rooms/" + room, creator.token(), "{\"assistant\":\"sometimes\"}")
                            .status())
                    .isEqualTo(400);

            Api.Response restricted = api.put("api/rooms/" + room, admin.token(), "{\"allowedGroups\":[\"staff\"]}");
            assertThat(restricted.status()).isEqualTo(200);
            assertThat(guest.awaitClose().code()).isEqualTo(1008);
            assertThat(api.get("api/rooms/" + room + "/messages", stranger.token())
                            .status())
                    .isEqualTo(403);
            assertThat(api.get("api/rooms/" + room, stranger.token()).status()).isEqualTo(403);
            assertThat(api.get("api/rooms", stranger.token()).array().getValuesAs(JsonObject.class))
                    .noneMatch(r -> r.getString("name").equals(room));
            WsClient refused = join(stranger);
            assertThat(refused.awaitClose().code()).isEqualTo(1008);
            try (WsClient staff = join(api.loginWithGroups("Staffer", "staff"))) {
                assertThat(staff.next("welcome").getString("room")).isEqualTo(room);
            }
        }
    }

    @Test
    void anAdminDeletesAMessageEverywhere() {
        Api.Login alice = api.login("Alice");
        String admin = api.loginWithGroups("Root", "admin").token();
        try (WsClient author = join(alice);
                WsClient reader = join(api.login("Reader"))) {
            awaitHistory(author, reader);
            String id = id();
            author.send(message(id, "regrettable"));
            author.next("ack");
            reader.next("message");
            JsonObject before = api.get("api/admin/stats", admin).json();
            assertThat(before.getJsonNumber("messagesStored").longValue()).isGreaterThanOrEqualTo(1);
            assertThat(before.getInt("connections")).isGreaterThanOrEqualTo(2);

            assertThat(api.delete("api/admin/rooms/" + room + "/messages/" + id, alice.token())
                            .status())
                    .isEqualTo(403);
            assertThat(api.delete("api/admin/rooms/" + room + "/messages/" + id, admin)
                            .status())
                    .isEqualTo(204);
            assertThat(reader.next("deleted").getString("id")).isEqualTo(id);
            assertThat(author.next("deleted").getString("id")).isEqualTo(id);
            assertThat(api.get("api/rooms/" + room + "/messages", alice.token())
                            .json()
                            .getJsonArray("messages"))
                    .isEmpty();
            assertThat(api.delete("api/admin/rooms/" + room + "/messages/" + id, admin)
                            .status())
                    .isEqualTo(404);
        }
        try (WsClient late = join(alice)) {
            assertThat(late.next("history").getJsonArray("messages")).isEmpty();
        }
    }

    private static void assertError(WsClient client, String frame, String code, String id) {
        client.send(frame);
        JsonObject error = client.next("error");
        assertThat(error.getString("code")).as(frame).isEqualTo(code);
        assertThat(error.getString("id", null)).as(frame).isEqualTo(id);
        assertThat(error.getString("message")).isNotBlank();
        client.send("{\"type\":\"ping\"}");
        client.next("pong"); // fails the test if no pong comes
    }

    private static void awaitHistory(WsClient... clients) {
        for (WsClient client : clients) {
            client.next("history");
        }
    }

    private static long drainMessages(WsClient client, Set<Long> seen) {
        long last = seen.stream().mapToLong(Long::longValue).max().orElse(0);
        while (true) {
            try {
                JsonObject frame = client.next(f -> "message".equals(f.getString("type")), Duration.ofMillis(50));
                long seq = frame.getJsonObject("message").getJsonNumber("seq").longValue();
                assertThat(seen.add(seq)).as("each seq once").isTrue();
                last = Math.max(last, seq);
            } catch (AssertionError none) {
                return last;
            }
        }
    }

    private static void collect(JsonObject history, Set<Long> seen) {
        collect(history, seen, -1);
    }

    private static void collect(JsonObject history, Set<Long> seen, long since) {
        for (JsonObject message : history.getJsonArray("messages").getValuesAs(JsonObject.class)) {
            long seq = message.getJsonNumber("seq").longValue();
            assertThat(seq).isGreaterThan(since);
            assertThat(seen.add(seq)).as("each seq once").isTrue();
        }
    }

    private static List<Long> seqsOf(JsonObject page) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getJsonNumber("seq").longValue())
                .toList();
    }

    private static List<Long> seqs(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
