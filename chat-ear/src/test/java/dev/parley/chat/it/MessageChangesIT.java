package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Edits and deletions of one's own messages: who may, what everyone sees live, what history and
 * search show after, and the change feed that tells a resuming client what changed while it was away.
 */
class MessageChangesIT extends DeployedAppIT {

    private static final Duration QUIET = Duration.ofMillis(400);

    String room;

    @BeforeEach
    void freshRoom() {
        room = "changes-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private WsClient join(Api.Login login) {
        WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, login.token()));
        client.next("history");
        return client;
    }

    private static JsonObject edit(String id, String body) {
        return Json.createObjectBuilder()
                .add("type", "edit")
                .add("id", id)
                .add("body", body)
                .build();
    }

    private static JsonObject delete(String id) {
        return Json.createObjectBuilder().add("type", "delete").add("id", id).build();
    }

    private static String send(WsClient client, String body) {
        String id = UUID.randomUUID().toString();
        client.send(WsClient.message(id, body));
        client.next("ack");
        return id;
    }

    private static JsonObject update(WsClient client) {
        return client.next("update");
    }

    @Test
    void theAuthorEditsAndEveryoneSeesTheNewBodyLiveAndInHistory() {
        Api.Login alice = api.login("Alice");
        Api.Login bob = api.login("Bob");
        try (WsClient aliceTab = join(alice);
                WsClient bobTab = join(bob)) {
            String id = send(aliceTab, "helo wrld");
            bobTab.next("message");
            aliceTab.send(edit(id, "hello world"));
            for (WsClient client : List.of(aliceTab, bobTab)) {
                JsonObject update = update(client);
                assertThat(update.getJsonNumber("rev").longValue()).isEqualTo(1);
                JsonObject message = update.getJsonObject("message");
                assertThat(message.getString("id")).isEqualTo(id);
                assertThat(message.getJsonNumber("seq").longValue()).isEqualTo(1);
                assertThat(message.getString("body")).isEqualTo("hello world");
                assertThat(message.getString("editedAt")).endsWith("Z");
                assertThat(message.containsKey("deletedAt")).isFalse();
            }
        }
        try (WsClient later = WsClient.connect(WsClient.roomUri(api.base(), room, bob.token()))) {
            JsonObject welcome = later.next("welcome");
            assertThat(welcome.getJsonNumber("lastRev").longValue()).isEqualTo(1);
            JsonObject message = later.next("history").getJsonArray("messages").getJsonObject(0);
            assertThat(message.getString("body")).isEqualTo("hello world");
            assertThat(message.getString("editedAt")).endsWith("Z");
        }
    }

    @Test
    void onlyTheAuthorOrAnAdminMayChangeAMessageAndADeletionLeavesATombstone() {
        Api.Login alice = api.login("Alice");
        Api.Login bob = api.login("Bob");
        Api.Login root = api.loginWithGroups("Root", "admin");
        String word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (WsClient aliceTab = join(alice);
                WsClient bobTab = join(bob);
                WsClient rootTab = join(root)) {
            String id = send(aliceTab, "secret " + word);
            bobTab.next("message");
            rootTab.next("message");

            bobTab.send(edit(id, "bob was here"));
            bobTab.send(delete(id));
            for (int i = 0; i < 2; i++) {
                JsonObject error = bobTab.next("error");
                assertThat(error.getString("code")).isEqualTo("forbidden");
                assertThat(error.getString("id")).isEqualTo(id);
            }
            aliceTab.assertNone(frame -> "update".equals(frame.getString("type")), QUIET);

            rootTab.send(delete(id));
            for (WsClient client : List.of(aliceTab, bobTab, rootTab)) {
                JsonObject message = update(client).getJsonObject("message");
                assertThat(message.getString("body")).isEmpty();
                assertThat(message.getString("deletedAt")).endsWith("Z");
            }
            aliceTab.send(edit(id, "undo?"));
            JsonObject refused = aliceTab.next("error");
            assertThat(refused.getString("code")).isEqualTo("bad_request");
            assertThat(refused.getString("message")).contains("deleted");
        }
        JsonObject page =
                api.get("api/rooms/" + room + "/messages", alice.token()).json();
        JsonObject tombstone = page.getJsonArray("messages").getJsonObject(0);
        assertThat(tombstone.getString("body")).isEmpty();
        assertThat(tombstone.getString("deletedAt")).endsWith("Z");
        assertThat(api.get("api/search?q=" + word, root.token()).json().getJsonArray("messages"))
                .as("the body is gone from the database")
                .isEmpty();
    }

    @Test
    void badChangesGetOneClearErrorEach() {
        Api.Login alice = api.login("Alice");
        try (WsClient client = join(alice)) {
            String id = send(client, "original");
            client.send(edit(id, "   "));
            client.send(edit(id, "x".repeat(4001)));
            client.send(edit("not-a-uuid", "x"));
            client.send(delete(UUID.randomUUID().toString()));
            client.send("{\"type\":\"delete\",\"id\":7}");
            assertThat(client.next("error").getString("code")).isEqualTo("bad_request");
            assertThat(client.next("error").getString("code")).isEqualTo("too_large");
            assertThat(client.next("error").getString("code")).isEqualTo("bad_request");
            JsonObject unknown = client.next("error");
            assertThat(unknown.getString("code")).isEqualTo("bad_request");
            assertThat(unknown.getString("message")).contains("no message with this id");
            assertThat(client.next("error").getString("code")).isEqualTo("bad_request");
            client.assertNone(frame -> "update".equals(frame.getString("type")), QUIET);
        }
        assertThat(api.get("api/rooms/" + room + "/messages", alice.token())
                        .json()
                        .getJsonArray("messages")
                        .getJsonObject(0)
                        .getString("body"))
                .isEqualTo("original");
    }

    @Test
    void aClientThatResumesWithRevLearnsEveryEditAndDeletionItMissed() {
        Api.Login alice = api.login("Alice");
        Api.Login carol = api.login("Carol");
        try (WsClient aliceTab = join(alice)) {
            String first = send(aliceTab, "one");
            String second = send(aliceTab, "two");
            long lastSeq;
            long lastRev;
            try (WsClient carolTab = WsClient.connect(WsClient.roomUri(api.base(), room, carol.token()))) {
                JsonObject welcome = carolTab.next("welcome");
                lastSeq = welcome.getJsonNumber("lastSeq").longValue();
                lastRev = welcome.getJsonNumber("lastRev").longValue();
                assertThat(lastSeq).isEqualTo(2);
                assertThat(lastRev).isZero();
            }
            // while Carol is away
            aliceTab.send(edit(first, "one, edited"));
            update(aliceTab);
            aliceTab.send(delete(second));
            update(aliceTab);
            aliceTab.send(edit(first, "one, edited twice"));
            update(aliceTab);
            send(aliceTab, "three");

            URI resume = URI.create(WsClient.roomUri(api.base(), room, carol.token(), lastSeq) + "&rev=" + lastRev);
            try (WsClient carolTab = WsClient.connect(resume)) {
                assertThat(carolTab.next("welcome").getJsonNumber("lastRev").longValue())
                        .isEqualTo(3);
                assertThat(carolTab.next("history").getJsonArray("messages").getValuesAs(JsonObject.class))
                        .extracting(m -> m.getString("body"))
                        .containsExactly("three");
                JsonObject changes = carolTab.next("changes");
                assertThat(changes.getBoolean("hasMore")).isFalse();
                assertThat(changes.getJsonNumber("lastRev").longValue()).isEqualTo(3);
                assertThat(changes.getJsonArray("messages").getValuesAs(JsonObject.class))
                        .as("each changed message once, in its current state, in the order of its last change")
                        .extracting(m -> m.getString("id") + "=" + m.getString("body"))
                        .containsExactly(second + "=", first + "=one, edited twice");
            }
            URI upToDate = URI.create(WsClient.roomUri(api.base(), room, carol.token(), 3L) + "&rev=3");
            try (WsClient carolTab = WsClient.connect(upToDate)) {
                carolTab.next("history");
                assertThat(carolTab.next("changes").getJsonArray("messages")).isEmpty();
            }
            try (WsClient withoutRev = WsClient.connect(WsClient.roomUri(api.base(), room, carol.token(), 2L))) {
                withoutRev.next("history");
                withoutRev.assertNone(frame -> "changes".equals(frame.getString("type")), QUIET);
            }
        }
    }

    private static JsonObject react(String id, String emoji) {
        return Json.createObjectBuilder()
                .add("type", "react")
                .add("id", id)
                .add("emoji", emoji)
                .build();
    }

    private static List<String> reactions(JsonObject message) {
        if (!message.containsKey("reactions")) {
            return List.of();
        }
        return message.getJsonArray("reactions").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("emoji") + ":"
                        + String.join(
                                ",",
                                r.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                                        .map(u -> u.getString("name"))
                                        .toList()))
                .toList();
    }

    @Test
    void reactionsToggleReachEveryoneLiveAndShowInHistoryAndTheChangeFeed() {
        Api.Login alice = api.login("Alice");
        Api.Login bob = api.login("Bob");
        try (WsClient aliceTab = join(alice);
                WsClient bobTab = join(bob)) {
            String id = send(aliceTab, "ship it?");
            bobTab.next("message");

            bobTab.send(react(id, "👍"));
            for (WsClient client : List.of(aliceTab, bobTab)) {
                JsonObject update = update(client);
                assertThat(update.getJsonNumber("rev").longValue()).isEqualTo(1);
                assertThat(reactions(update.getJsonObject("message"))).containsExactly("👍:Bob");
            }
            aliceTab.send(react(id, "👍"));
            assertThat(reactions(update(bobTab).getJsonObject("message"))).containsExactly("👍:Bob,Alice");
            aliceTab.send(react(id, "👩‍💻"));
            assertThat(reactions(update(bobTab).getJsonObject("message")))
                    .containsExactly("👍:Bob,Alice", "👩‍💻:Alice");
            bobTab.send(react(id, "👍"));
            JsonObject toggledOff = update(bobTab);
            assertThat(toggledOff.getJsonNumber("rev").longValue()).isEqualTo(4);
            assertThat(reactions(toggledOff.getJsonObject("message"))).containsExactly("👍:Alice", "👩‍💻:Alice");

            for (String bad : List.of("a", "👍 ", "<b>", "")) {
                bobTab.send(react(id, bad));
                assertThat(bobTab.next("error").getString("code")).as(bad).isEqualTo("bad_request");
            }
            bobTab.send("{\"type\":\"react\",\"id\":\"" + id + "\",\"emoji\":1}");
            assertThat(bobTab.next("error").getString("code")).isEqualTo("bad_request");
            bobTab.send(react(UUID.randomUUID().toString(), "👍"));
            assertThat(bobTab.next("error").getString("message")).contains("no message with this id");
            aliceTab.skipUnread();
        }
        JsonObject history = api.get("api/rooms/" + room + "/messages", bob.token())
                .json()
                .getJsonArray("messages")
                .getJsonObject(0);
        assertThat(reactions(history)).containsExactly("👍:Alice", "👩‍💻:Alice");

        URI resume = URI.create(WsClient.roomUri(api.base(), room, bob.token(), 1L) + "&rev=3");
        try (WsClient bobTab = WsClient.connect(resume)) {
            bobTab.next("history");
            JsonObject changes = bobTab.next("changes");
            assertThat(changes.getJsonNumber("lastRev").longValue()).isEqualTo(4);
            assertThat(reactions(changes.getJsonArray("messages").getJsonObject(0)))
                    .containsExactly("👍:Alice", "👩‍💻:Alice");
        }
    }

    @Test
    void aMessageCarriesAtMostTwentyDifferentEmojiAndADeletionTakesThemAway() throws InterruptedException {
        Api.Login alice = api.login("Alice");
        try (WsClient client = join(alice)) {
            String id = send(client, "react to me");
            for (int i = 0; i < 20; i++) {
                Thread.sleep(110); // within the message rate (10/s, bursts of 20)
                client.send(react(id, Character.toString(0x1F600 + i)));
                update(client);
            }
            client.send(react(id, Character.toString(0x1F600 + 20)));
            JsonObject refused = client.next("error");
            assertThat(refused.getString("code")).isEqualTo("bad_request");
            assertThat(refused.getString("message")).contains("20 different");

            client.send(delete(id));
            JsonObject tombstone = update(client).getJsonObject("message");
            assertThat(tombstone.getString("deletedAt")).endsWith("Z");
            assertThat(tombstone.containsKey("reactions")).isFalse();
            client.send(react(id, "👍"));
            assertThat(client.next("error").getString("message")).contains("deleted");
        }
    }

    private static JsonObject reply(String id, String body, String replyTo) {
        return Json.createObjectBuilder()
                .add("type", "message")
                .add("id", id)
                .add("body", body)
                .add("replyTo", replyTo)
                .build();
    }

    @Test
    void aReplyQuotesTheCurrentStateOfTheMessageItAnswers() {
        Api.Login alice = api.login("Alice");
        Api.Login bob = api.login("Bob");
        String longBody = "question " + "x".repeat(200);
        try (WsClient aliceTab = join(alice);
                WsClient bobTab = join(bob)) {
            String original = send(aliceTab, longBody);
            bobTab.next("message");
            String answer = UUID.randomUUID().toString();
            bobTab.send(reply(answer, "an answer", original.toUpperCase()));
            assertThat(bobTab.next("ack").getJsonNumber("seq").longValue()).isEqualTo(2);
            JsonObject quote = aliceTab.next("message").getJsonObject("message").getJsonObject("replyTo");
            assertThat(quote.getString("id")).isEqualTo(original);
            assertThat(quote.getJsonNumber("seq").longValue()).isEqualTo(1);
            assertThat(quote.getJsonObject("user").getString("name")).isEqualTo("Alice");
            assertThat(quote.getString("excerpt"))
                    .hasSize(141)
                    .startsWith("question xxx")
                    .endsWith("…");
            assertThat(quote.getBoolean("deleted")).isFalse();

            bobTab.send(reply(
                    UUID.randomUUID().toString(),
                    "to nothing",
                    UUID.randomUUID().toString()));
            JsonObject unknown = bobTab.next("error");
            assertThat(unknown.getString("code")).isEqualTo("bad_request");
            assertThat(unknown.getString("message")).contains("replyTo");
            bobTab.send(reply(UUID.randomUUID().toString(), "to garbage", "not-an-id"));
            assertThat(bobTab.next("error").getString("code")).isEqualTo("bad_request");
            aliceTab.assertNone(frame -> "message".equals(frame.getString("type")), QUIET);

            aliceTab.send(edit(original, "a short question"));
            update(bobTab);
            assertThat(lastReplyQuote(bob).getString("excerpt")).isEqualTo("a short question");
            aliceTab.send(delete(original));
            update(bobTab);
            JsonObject gone = lastReplyQuote(bob);
            assertThat(gone.getBoolean("deleted")).isTrue();
            assertThat(gone.getString("excerpt")).isEmpty();
        }
        String elsewhere = "other-" + UUID.randomUUID().toString().substring(0, 8);
        String foreign;
        try (WsClient other = WsClient.connect(WsClient.roomUri(api.base(), elsewhere, alice.token()))) {
            other.next("history");
            foreign = send(other, "in another room");
        }
        try (WsClient aliceTab = join(alice)) {
            aliceTab.send(reply(UUID.randomUUID().toString(), "across rooms", foreign));
            assertThat(aliceTab.next("error").getString("message")).contains("replyTo");
        }
    }

    private JsonObject lastReplyQuote(Api.Login who) {
        List<JsonObject> messages = api.get("api/rooms/" + room + "/messages", who.token())
                .json()
                .getJsonArray("messages")
                .getValuesAs(JsonObject.class);
        return messages.get(messages.size() - 1).getJsonObject("replyTo");
    }

    @Test
    void aBadRevIsRefusedAtTheHandshake() {
        Api.Login alice = api.login("Alice");
        URI bad = URI.create(WsClient.roomUri(api.base(), room, alice.token(), 0L) + "&rev=-1");
        WsClient.Refusal refusal = WsClient.refusal(bad);
        assertThat(refusal.status()).isEqualTo(400);
        assertThat(refusal.body().getString("message")).contains("rev");
    }
}
