package dev.parley.chat.it;

import static dev.parley.chat.it.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The assistant against a real HTTP server speaking the OpenAI streaming protocol, with faults. */
class AssistantIT extends DeployedAppIT {

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
        room = "ai-" + UUID.randomUUID().toString().substring(0, 8);
        alice = api.login("Alice");
        bob = api.login("Bob");
    }

    WsClient join(Api.Login login) {
        WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, login.token()));
        client.next("history");
        return client;
    }

    static Predicate<JsonObject> type(String type) {
        return frame -> type.equals(frame.getString("type", null));
    }

    static JsonObject complete(WsClient client) {
        return client.next(type("complete"), Duration.ofSeconds(20)).getJsonObject("message");
    }

    @Test
    void aMentionStreamsTheReplyToEveryoneAndIsStoredWithItsUsage() {
        try (WsClient a = join(alice);
                WsClient b = join(bob)) {
            a.send(message(UUID.randomUUID().toString(), "@assistant write a haiku about dolphins"));
            for (WsClient client : List.of(a, b)) {
                JsonObject started = client.next(
                                f -> "message".equals(f.getString("type"))
                                        && "assistant"
                                                .equals(f.getJsonObject("message")
                                                        .getString("role")),
                                WsClient.WAIT)
                        .getJsonObject("message");
                assertThat(started.getString("status")).isEqualTo("streaming");
                assertThat(started.getString("body")).isEmpty();
                StringBuilder streamed = new StringBuilder();
                for (int i = 0; i < FakeLlm.TOKENS.size(); i++) {
                    JsonObject delta = client.next("delta");
                    assertThat(delta.getString("messageId")).isEqualTo(started.getString("id"));
                    streamed.append(delta.getString("text"));
                }
                JsonObject done = complete(client);
                assertThat(done.getString("status")).isEqualTo("complete");
                assertThat(done.getString("body"))
                        .isEqualTo(String.join("", FakeLlm.TOKENS))
                        .isEqualTo(streamed.toString());
                assertThat(done.getJsonNumber("seq").longValue())
                        .isEqualTo(started.getJsonNumber("seq").longValue());
            }
        }
        JsonObject sent = lastRequestContaining("write a haiku about dolphins");
        assertThat(sent.getString("model")).isEqualTo("test-model");
        assertThat(sent.getBoolean("stream")).isTrue();
        assertThat(sent.getJsonObject("stream_options").getBoolean("include_usage"))
                .isTrue();
        assertThat(sent.getJsonArray("messages").getJsonObject(0).getString("role"))
                .isEqualTo("system");
        assertThat(sent.toString()).contains("Alice: @assistant write a haiku about dolphins");

        List<JsonObject> stored = api.get("api/rooms/" + room + "/messages", alice.token())
                .json()
                .getJsonArray("messages")
                .getValuesAs(JsonObject.class);
        assertThat(stored)
                .extracting(m -> m.getString("role") + ":" + m.getString("status"))
                .containsExactly("user:complete", "assistant:complete");
        JsonObject usage = api.get(
                        "api/usage", api.loginWithGroups("Root", "admin").token())
                .json();
        JsonObject roomRow = usage.getJsonArray("byRoom").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("room").equals(room))
                .findFirst()
                .orElseThrow();
        assertThat(roomRow.getJsonNumber("requests").longValue()).isEqualTo(1);
        assertThat(roomRow.getJsonNumber("promptTokens").longValue()).isEqualTo(42);
        assertThat(roomRow.getJsonNumber("completionTokens").longValue()).isEqualTo(4);
        assertThat(roomRow.getJsonNumber("totalTokens").longValue()).isEqualTo(46);

        JsonObject mine = api.get("api/usage", alice.token()).json();
        assertThat(mine.getJsonArray("byRoom")).isEmpty();
        assertThat(mine.getJsonArray("byUser").getValuesAs(JsonObject.class))
                .extracting(r -> r.getJsonObject("user").getString("id"))
                .containsOnly(alice.userId());
        assertThat(mine.getJsonObject("total").getJsonNumber("requests").longValue())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void anyoneCanStopAStreamingReplyAndTheUpstreamRequestIsCancelled() throws Exception {
        int abandonedBefore = llm.abandoned();
        try (WsClient a = join(alice);
                WsClient b = join(bob)) {
            a.send(message(UUID.randomUUID().toString(), "@assistant slow please"));
            b.next("delta");
            b.next("delta");
            b.send("{\"type\":\"stop\"}");
            JsonObject stopped = complete(a);
            assertThat(stopped.getString("status")).isEqualTo("stopped");
            assertThat(stopped.getString("body")).startsWith("la la ");
            assertThat(stopped.getString("body").length()).isLessThan(30 * 3);
            Thread.sleep(800); // a quiet window: a late delta would arrive within it
            List<JsonObject> frames = a.received();
            int completed = indexOf(frames, type("complete"));
            assertThat(frames.subList(completed, frames.size()))
                    .as("no delta after the stop")
                    .noneMatch(type("delta"));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (llm.abandoned() == abandonedBefore && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(llm.abandoned()).as("the provider saw the request go away").isGreaterThan(abandonedBefore);
    }

    @Test
    void providerFailuresEndTheReplyAsFailedAndTellTheAskerOnly() {
        try (WsClient a = join(alice);
                WsClient b = join(bob)) {
            for (String fault : List.of("fail500", "fail429", "cut", "hang")) {
                a.send(message(UUID.randomUUID().toString(), "@assistant " + fault));
                JsonObject failed = complete(a);
                assertThat(failed.getString("status")).as(fault).isEqualTo("failed");
                if (fault.equals("cut")) {
                    assertThat(failed.getString("body")).isEqualTo("Dolphins glide ");
                }
                assertThat(a.next(type("error"), Duration.ofSeconds(5)).getString("code"))
                        .as(fault)
                        .isEqualTo("assistant_unavailable");
                assertThat(complete(b).getString("status")).isEqualTo("failed");
            }
            b.assertNone(type("error"), Duration.ofMillis(300));
            a.send(message(UUID.randomUUID().toString(), "still here?"));
            assertThat(a.next("ack").getJsonNumber("seq").longValue()).isPositive();
        }
    }

    @Test
    void aProviderThatKeepsFailingOpensTheCircuitUntilItRecovers() throws Exception {
        try (WsClient a = join(alice)) {
            for (int i = 0; i < 4; i++) {
                a.send(message(UUID.randomUUID().toString(), "@assistant fail500 #" + i));
                assertThat(complete(a).getString("status")).isEqualTo("failed");
            }
            int requestsBefore = llm.requests().size();
            a.send(message(UUID.randomUUID().toString(), "@assistant are you back?"));
            assertThat(complete(a).getString("status")).isEqualTo("failed");
            assertThat(llm.requests())
                    .as("an open circuit does not call the provider")
                    .hasSize(requestsBefore);

            // once the breaker's delay (arquillian.xml) has passed, one trial call goes through and closes it
            String status = "failed";
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!status.equals("complete") && System.nanoTime() < deadline) {
                a.send(message(UUID.randomUUID().toString(), "@assistant and now?"));
                status = complete(a).getString("status");
                if (!status.equals("complete")) {
                    Thread.sleep(250); // stay under the sender's rate limit
                }
            }
            assertThat(status).isEqualTo("complete");
            assertThat(llm.requests())
                    .as("while open, no ask reached the provider; the trial call did")
                    .hasSize(requestsBefore + 1);
        }
    }

    @Test
    void aNewcomerMidStreamGetsTheBodySoFarThenTheRestWithNothingLostOrDoubled() {
        try (WsClient a = join(alice)) {
            a.send(message(UUID.randomUUID().toString(), "@assistant slow story"));
            a.next("delta");
            a.next("delta");
            a.next("delta");
            WsClient carol = WsClient.connect(
                    WsClient.roomUri(api.base(), room, api.login("Carol").token()));
            JsonObject history = carol.next("history");
            JsonObject partial = history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                    .filter(m -> m.getString("role").equals("assistant"))
                    .findFirst()
                    .orElseThrow();
            assertThat(partial.getString("status")).isEqualTo("streaming");
            StringBuilder seen = new StringBuilder(partial.getString("body"));
            assertThat(seen.length()).isGreaterThanOrEqualTo(9);
            while (true) {
                JsonObject frame = carol.next(
                        f -> "delta".equals(f.getString("type")) || "complete".equals(f.getString("type")),
                        Duration.ofSeconds(20));
                if (frame.getString("type").equals("complete")) {
                    assertThat(frame.getJsonObject("message").getString("body"))
                            .isEqualTo(seen.toString())
                            .isEqualTo("la ".repeat(30));
                    break;
                }
                seen.append(frame.getString("text"));
            }
            carol.close();
        }
    }

    @Test
    void aClientResumingMidStreamFromALaterSeqStillGetsTheReplySoFar() {
        try (WsClient a = join(alice)) {
            a.send(message(UUID.randomUUID().toString(), "@assistant slow again"));
            long replySeq = a.next(
                            f -> "message".equals(f.getString("type"))
                                    && "assistant"
                                            .equals(f.getJsonObject("message").getString("role")),
                            WsClient.WAIT)
                    .getJsonObject("message")
                    .getJsonNumber("seq")
                    .longValue();
            a.next("delta");
            WsClient resumed = WsClient.connect(WsClient.roomUri(api.base(), room, alice.token(), replySeq));
            JsonObject history = resumed.next("history");
            List<JsonObject> messages = history.getJsonArray("messages").getValuesAs(JsonObject.class);
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).getJsonNumber("seq").longValue()).isEqualTo(replySeq);
            assertThat(messages.get(0).getString("status")).isEqualTo("streaming");
            StringBuilder seen = new StringBuilder(messages.get(0).getString("body"));
            while (true) {
                JsonObject frame = resumed.next(
                        f -> "delta".equals(f.getString("type")) || "complete".equals(f.getString("type")),
                        Duration.ofSeconds(20));
                if (frame.getString("type").equals("complete")) {
                    assertThat(frame.getJsonObject("message").getString("body")).isEqualTo(seen.toString());
                    break;
                }
                seen.append(frame.getString("text"));
            }
            resumed.close();
        }
    }

    @Test
    void mentionsAtTheSameTimeAreAnsweredInTurn() {
        try (WsClient a = join(alice);
                WsClient b = join(bob)) {
            a.send(message(UUID.randomUUID().toString(), "@assistant first question"));
            b.send(message(UUID.randomUUID().toString(), "@assistant second question"));
            JsonObject first = complete(a);
            JsonObject second = complete(a);
            assertThat(first.getString("status")).isEqualTo("complete");
            assertThat(second.getString("status")).isEqualTo("complete");
            assertThat(second.getJsonNumber("seq").longValue())
                    .isGreaterThan(first.getJsonNumber("seq").longValue());
            List<JsonObject> frames = a.received();
            int firstComplete = indexOf(frames, f -> "complete".equals(f.getString("type")));
            int secondStart = indexOf(
                    frames,
                    f -> "message".equals(f.getString("type"))
                            && f.getJsonObject("message").getString("id").equals(second.getString("id")));
            assertThat(secondStart)
                    .as("the second reply starts after the first ends")
                    .isGreaterThan(firstComplete);
        }
    }

    @Test
    void roomModesAndPersonaDecideWhenAndHowTheAssistantAnswers() {
        try (WsClient a = join(alice)) {
            assertThat(api.put("api/rooms/" + room, alice.token(), "{\"assistant\":\"off\"}")
                            .status())
                    .isEqualTo(200);
            a.next("room");
            a.send(message(UUID.randomUUID().toString(), "@assistant are you there?"));
            a.next("ack");
            a.assertNone(type("delta"), Duration.ofSeconds(1));

            api.put(
                    "api/rooms/" + room,
                    alice.token(),
                    "{\"assistant\":\"always\",\"persona\":\"Speak like a pirate.\"}");
            a.next("room");
            a.send(message(UUID.randomUUID().toString(), "no mention here"));
            assertThat(complete(a).getString("status")).isEqualTo("complete");
            JsonObject sent = lastRequestContaining("no mention here");
            assertThat(sent.getJsonArray("messages").getJsonObject(0).getString("content"))
                    .contains("Speak like a pirate.");
        }
    }

    @Test
    void aRoomWhoseDailyBudgetIsUsedUpGetsQuotaExceededAndNoProviderCall() {
        try (WsClient a = join(alice)) {
            for (int i = 0; i < 3; i++) {
                a.send(message(UUID.randomUUID().toString(), "@assistant budget round " + i));
                assertThat(complete(a).getString("status")).isEqualTo("complete");
            }
            int requestsBefore = llm.requests().size();
            a.skipUnread();
            String id = UUID.randomUUID().toString();
            a.send(message(id, "@assistant one more please"));
            JsonObject refused = a.next(type("error"), Duration.ofSeconds(10));
            assertThat(refused.getString("code")).isEqualTo("quota_exceeded");
            assertThat(refused.getString("id")).isEqualTo(id);
            a.assertNone(type("delta"), Duration.ofMillis(500));
            assertThat(llm.requests()).hasSize(requestsBefore);
        }
        JsonObject usage = api.get(
                        "api/usage", api.loginWithGroups("Root", "admin").token())
                .json();
        assertThat(usage.getJsonArray("byModel").getValuesAs(JsonObject.class))
                .anyMatch(row -> row.getString("model").equals("test-model")
                        && row.getJsonNumber("requests").longValue() >= 3);
    }

    @Test
    void theUsageFeedSendsTotalsOnConnectAndAfterEveryReply() {
        WsClient feed = WsClient.connect(URI_USAGE());
        JsonObject first = feed.next("usage");
        long before = first.getJsonObject("total").getJsonNumber("requests").longValue();
        try (WsClient a = join(alice)) {
            a.send(message(UUID.randomUUID().toString(), "@assistant nousage count yourself"));
            JsonObject reply = complete(a);
            assertThat(reply.getString("status")).isEqualTo("complete");
        }
        JsonObject next = feed.next(
                f -> "usage".equals(f.getString("type"))
                        && f.getJsonObject("total").getJsonNumber("requests").longValue() > before,
                Duration.ofSeconds(10));
        assertThat(next.getJsonObject("total").getJsonNumber("completionTokens").longValue())
                .isGreaterThan(0);
        feed.close();

        WsClient.Refusal refused = WsClient.refusal(
                java.net.URI.create(api.base().toString().replaceFirst("^http", "ws") + "ws/usage?access_token=nope"));
        assertThat(refused.status()).isEqualTo(401);
    }

    private java.net.URI URI_USAGE() {
        return java.net.URI.create(
                api.base().toString().replaceFirst("^http", "ws") + "ws/usage?access_token=" + alice.token());
    }

    private static JsonObject lastRequestContaining(String text) {
        List<JsonObject> requests = llm.requests();
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).toString().contains(text)) {
                return requests.get(i);
            }
        }
        throw new AssertionError("no request upstream contained " + text);
    }

    private static int indexOf(List<JsonObject> frames, Predicate<JsonObject> which) {
        for (int i = 0; i < frames.size(); i++) {
            if (which.test(frames.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
