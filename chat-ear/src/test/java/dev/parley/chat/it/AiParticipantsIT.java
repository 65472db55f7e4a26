package dev.parley.chat.it;

import static dev.parley.chat.it.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Named AI participants beside the assistant, each on a provider and model of its own, and the
 * private catch-up: against the fake provider, which serves as {@code default} and as
 * {@code second} (arquillian.xml) and records which path each request took.
 */
class AiParticipantsIT extends DeployedAppIT {

    static FakeLlm llm;
    String room;
    Api.Login alice;
    Api.Login bob;

    @BeforeAll
    static void startLlm() {
        llm = FakeLlm.start();
    }

    @BeforeEach
    void freshRoom() {
        room = "crew-" + UUID.randomUUID().toString().substring(0, 8);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alice = api.login("Alice-" + suffix);
        bob = api.login("Bob-" + suffix);
    }

    WsClient join(Api.Login login) {
        WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, login.token()));
        client.next("history");
        return client;
    }

    static Predicate<JsonObject> type(String type) {
        return frame -> type.equals(frame.getString("type", null));
    }

    static Predicate<JsonObject> completeBy(String userId) {
        return frame -> "complete".equals(frame.getString("type", null))
                && userId.equals(
                        frame.getJsonObject("message").getJsonObject("user").getString("id"));
    }

    String reviewerAndTranslator() {
        return "{\"participants\":["
                + "{\"name\":\"reviewer\",\"provider\":\"second\",\"model\":\"second-model-mini\","
                + "\"persona\":\"You review code strictly.\"},"
                + "{\"name\":\"translator\",\"provider\":\"default\"}]}";
    }

    @Test
    void theProvidersAreListedByNameAndModelsWithoutAddressesOrKeys() {
        Api.Response providers = api.get("api/assistant/providers", alice.token());
        assertThat(providers.status()).isEqualTo(200);
        assertThat(providers.array().getValuesAs(JsonObject.class))
                .extracting(p -> p.getString("name") + "=" + p.getJsonArray("models"))
                .containsExactly(
                        "default=[\"test-model\",\"test-model-large\"]",
                        "second=[\"second-model\",\"second-model-mini\"]");
        assertThat(providers.body()).doesNotContain("127.0.0.1").doesNotContain("second-secret");
        assertThat(api.get("api/assistant/providers", null).status()).isEqualTo(401);
    }

    @Test
    void theCreatorAddsParticipantsAndEveryoneInTheRoomSeesThem() {
        try (WsClient a = join(alice);
                WsClient b = join(bob)) {
            Api.Response put = api.put("api/rooms/" + room, alice.token(), reviewerAndTranslator());
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            for (WsClient client : List.of(a, b)) {
                JsonObject changed = client.next("room").getJsonObject("room");
                assertThat(changed.getJsonArray("participants").getValuesAs(JsonObject.class))
                        .extracting(
                                p -> p.getString("name") + ":" + p.getString("provider") + "/" + p.getString("model"))
                        .containsExactly("reviewer:second/second-model-mini", "translator:default/test-model");
            }
        }
        JsonObject settings = api.get("api/rooms/" + room, bob.token()).json();
        assertThat(settings.getJsonArray("participants")).hasSize(2);

        assertThat(api.put("api/rooms/" + room, bob.token(), "{\"participants\":[]}")
                        .status())
                .as("only the creator or an admin")
                .isEqualTo(403);
        for (String bad : List.of(
                "[{\"name\":\"assistant\",\"provider\":\"default\"}]",
                "[{\"name\":\"Reviewer!\",\"provider\":\"default\"}]",
                "[{\"name\":\"x\",\"provider\":\"default\"}]",
                "[{\"name\":\"dup\",\"provider\":\"default\"},{\"name\":\"dup\",\"provider\":\"default\"}]",
                "[{\"name\":\"ghost\",\"provider\":\"nowhere\"}]",
                "[{\"name\":\"wrong\",\"provider\":\"second\",\"model\":\"test-model\"}]",
                "[{\"name\":\"long\",\"provider\":\"default\",\"persona\":\"" + "p".repeat(8001) + "\"}]")) {
            Api.Response refused = api.put("api/rooms/" + room, alice.token(), "{\"participants\":" + bad + "}");
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().getString("code")).isEqualTo("bad_request");
        }
        assertThat(api.get("api/rooms/" + room, alice.token()).json().getJsonArray("participants"))
                .as("a refused change leaves the list as it was")
                .hasSize(2);

        JsonObject welcome = WsClient.connect(WsClient.roomUri(api.base(), room, bob.token()))
                .first();
        assertThat(welcome.getString("type")).isEqualTo("welcome");
        assertThat(api.put("api/rooms/" + room, alice.token(), "{\"participants\":[]}")
                        .json()
                        .getJsonArray("participants"))
                .isEmpty();
    }

    @Test
    void eachParticipantAnswersItsMentionOnItsOwnProviderModelAndPersonaInTurn() {
        api.put("api/rooms/" + room, alice.token(), reviewerAndTranslator());
        try (WsClient a = join(alice);
                WsClient b = join(bob)) {
            String marker = "check-" + UUID.randomUUID().toString().substring(0, 6);
            a.send(message(UUID.randomUUID().toString(), "@reviewer and @assistant please " + marker));
            JsonObject reviewerReply = complete(b, "assistant:reviewer");
            assertThat(reviewerReply.getJsonObject("user").getString("name")).isEqualTo("reviewer");
            assertThat(reviewerReply.getString("role")).isEqualTo("assistant");
            assertThat(reviewerReply.getString("body")).isEqualTo(String.join("", FakeLlm.TOKENS));
            JsonObject assistantReply = complete(b, "assistant");
            assertThat(assistantReply.getJsonNumber("seq").longValue())
                    .as("the assistant was named second: it answers after the reviewer")
                    .isGreaterThan(reviewerReply.getJsonNumber("seq").longValue());

            List<JsonObject> sent = llm.requests().stream()
                    .filter(r -> r.toString().contains(marker))
                    .toList();
            assertThat(sent).hasSize(2);
            JsonObject toReviewer = sent.stream()
                    .filter(r -> r.getString("_path").startsWith("/second/"))
                    .findFirst()
                    .orElseThrow();
            assertThat(toReviewer.getString("model")).isEqualTo("second-model-mini");
            String system = toReviewer.getJsonArray("messages").getJsonObject(0).getString("content");
            assertThat(system).contains("@reviewer").contains("You review code strictly.");
            JsonObject toAssistant = sent.stream()
                    .filter(r -> r.getString("_path").startsWith("/v1/"))
                    .findFirst()
                    .orElseThrow();
            assertThat(toAssistant.getString("model")).isEqualTo("test-model");
            assertThat(toAssistant.toString())
                    .as("the assistant reads the reviewer's answer as the reviewer's")
                    .contains("reviewer: " + String.join("", FakeLlm.TOKENS));

            complete(a, "assistant");
            a.skipUnread();
            a.send(message(UUID.randomUUID().toString(), "@translator slow " + marker));
            a.next(f -> "delta".equals(f.getString("type")), Duration.ofSeconds(10));
            a.send(Json.createObjectBuilder().add("type", "stop").build());
            JsonObject stopped = complete(a, "assistant:translator");
            assertThat(stopped.getString("status")).isEqualTo("stopped");

            a.send(message(UUID.randomUUID().toString(), "@reviewers and reviewer@x.org are no mention " + marker));
            a.next("ack");
            a.assertNone(type("delta"), Duration.ofSeconds(1));
        }
        JsonObject usage = api.get(
                        "api/usage", api.loginWithGroups("Root", "admin").token())
                .json();
        assertThat(usage.getJsonArray("byParticipant").getValuesAs(JsonObject.class))
                .extracting(p -> p.getString("participant") + "/" + p.getString("model"))
                .contains("reviewer/second-model-mini", "translator/test-model", "assistant/test-model");
    }

    @Test
    void aProviderThatKeepsFailingIsLeftAloneWithoutHoldingBackTheOthers() {
        api.put("api/rooms/" + room, alice.token(), reviewerAndTranslator());
        try (WsClient a = join(alice)) {
            // the circuit opens after 4 calls of which 3 failed (arquillian.xml), for 2 s
            for (int i = 0; i < 4; i++) {
                a.send(message(UUID.randomUUID().toString(), "@reviewer fail500 " + i));
                assertThat(complete(a, "assistant:reviewer").getString("status"))
                        .isEqualTo("failed");
            }
            long toSecond = llm.requests().stream()
                    .filter(r -> r.getString("_path").startsWith("/second/"))
                    .count();
            a.send(message(UUID.randomUUID().toString(), "@reviewer are you back?"));
            assertThat(complete(a, "assistant:reviewer").getString("status")).isEqualTo("failed");
            assertThat(llm.requests().stream()
                            .filter(r -> r.getString("_path").startsWith("/second/"))
                            .count())
                    .as("an open circuit calls nobody")
                    .isEqualTo(toSecond);

            a.send(message(UUID.randomUUID().toString(), "@translator and @assistant, still there?"));
            assertThat(complete(a, "assistant:translator").getString("status")).isEqualTo("complete");
            assertThat(complete(a, "assistant").getString("status"))
                    .as("the default provider's circuit is its own")
                    .isEqualTo("complete");
        }
    }

    @Test
    void aCatchUpStreamsToTheAskerOnlyCitesTheMessagesAndCountsAsTheirs() {
        try (WsClient a = join(alice);
                WsClient b = join(bob)) {
            a.send(message(UUID.randomUUID().toString(), "we ship on Friday"));
            long first = a.next("ack").getJsonNumber("seq").longValue();
            a.send(message(UUID.randomUUID().toString(), "@Bob can you review the release notes?"));
            a.next("ack");
            b.skipUnread();
            a.skipUnread();

            b.send(Json.createObjectBuilder()
                    .add("type", "catchup")
                    .add("since", first - 1)
                    .build());
            JsonObject started = b.next("summary");
            assertThat(started.getString("room")).isEqualTo(room);
            assertThat(started.getJsonNumber("from").longValue()).isEqualTo(first);
            assertThat(started.getInt("messages")).isEqualTo(2);
            StringBuilder streamed = new StringBuilder();
            JsonObject end;
            while (true) {
                JsonObject frame = b.next(f -> f.getString("type").startsWith("summary"), Duration.ofSeconds(10));
                if (frame.getString("type").equals("summaryEnd")) {
                    end = frame;
                    break;
                }
                assertThat(frame.getString("id")).isEqualTo(started.getString("id"));
                streamed.append(frame.getString("text"));
            }
            assertThat(end.getString("status")).isEqualTo("complete");
            assertThat(end.getString("body")).isEqualTo(streamed.toString()).contains("[#" + first + "]");
            assertThat(end.getJsonArray("sources").getJsonNumber(0).longValue()).isEqualTo(first);
            a.assertNone(f -> f.getString("type").startsWith("summary"), Duration.ofMillis(500));

            String lastPrompt = llm.requests().get(llm.requests().size() - 1).toString();
            assertThat(lastPrompt)
                    .contains("[#" + first + "] " + alice.name() + ": we ship on Friday")
                    .contains("catch-up for " + bob.name());

            List<JsonObject> history = api.get("api/rooms/" + room + "/messages", alice.token())
                    .json()
                    .getJsonArray("messages")
                    .getValuesAs(JsonObject.class);
            assertThat(history).as("a catch-up is not a message of the room").hasSize(2);

            JsonObject bobsUsage = api.get("api/usage", bob.token()).json();
            assertThat(bobsUsage.getJsonArray("byUser").getValuesAs(JsonObject.class))
                    .filteredOn(r -> r.getJsonObject("user").getString("id").equals(bob.userId()))
                    .extracting(r -> r.getJsonNumber("totalTokens").longValue())
                    .containsExactly(46L);
            JsonObject all = api.get(
                            "api/usage", api.loginWithGroups("Root", "admin").token())
                    .json();
            assertThat(all.getJsonArray("byParticipant").getValuesAs(JsonObject.class))
                    .extracting(p -> p.getString("participant"))
                    .contains("catch-up");

            b.send(Json.createObjectBuilder()
                    .add("type", "catchup")
                    .add("since", first + 100)
                    .build());
            assertThat(b.next("error").getString("code")).isEqualTo("bad_request");
            b.send(Json.createObjectBuilder()
                    .add("type", "catchup")
                    .add("since", -1)
                    .build());
            assertThat(b.next("error").getString("code")).isEqualTo("bad_request");
        }
    }

    @Test
    void aCatchUpWithoutSinceStartsAfterTheReadMarker() {
        try (WsClient a = join(alice);
                WsClient b = join(bob)) {
            a.send(message(UUID.randomUUID().toString(), "old news"));
            long old = a.next("ack").getJsonNumber("seq").longValue();
            b.send(Json.createObjectBuilder()
                    .add("type", "read")
                    .add("seq", old)
                    .build());
            b.next("read");
            a.send(message(UUID.randomUUID().toString(), "fresh news"));
            long fresh = a.next("ack").getJsonNumber("seq").longValue();
            b.skipUnread();
            b.send(Json.createObjectBuilder().add("type", "catchup").build());
            JsonObject started = b.next("summary");
            assertThat(started.getJsonNumber("from").longValue()).isEqualTo(fresh);
            assertThat(started.getInt("messages")).isEqualTo(1);
            assertThat(b.next("summaryEnd")
                            .getJsonArray("sources")
                            .getJsonNumber(0)
                            .longValue())
                    .isEqualTo(fresh);
        }
    }

    static JsonObject complete(WsClient client, String userId) {
        return client.next(completeBy(userId), Duration.ofSeconds(20)).getJsonObject("message");
    }
}
