package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.it.production.PostgresSchema;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A daily token budget holds when one user mentions the assistant in many rooms at the same
 * moment: the replies reserve their estimate in the database before the provider is called, so
 * the day's spend ends within one reply of the budget. On PostgreSQL, as production runs it.
 */
class BudgetIT {

    private static final int ROOMS = 6;
    private static final long USER_BUDGET = 60;
    /** What one reply of the fake provider costs: 42 prompt + 4 completion tokens. */
    private static final long ONE_REPLY = 46;

    @Test
    void concurrentMentionsInManyRoomsStayWithinOneReplyOfTheUsersBudget() throws Exception {
        FakeLlm llm = FakeLlm.start();
        Path data = Files.createTempDirectory(Path.of("target"), "budget");
        try (PostgresSchema schema = PostgresSchema.create("parley_budget");
                EmbeddedServer server = new EmbeddedServer()) {
            server.start(Map.of(
                    "CHAT_DB_URL", schema.jdbcUrl(),
                    "CHAT_DB_USER", PostgresSchema.user(),
                    "CHAT_DATA_DIR", data.toAbsolutePath().toString(),
                    "CHAT_LLM_BASE_URL", "http://127.0.0.1:" + FakeLlm.PORT + "/v1",
                    "CHAT_LLM_BUDGET_USER_DAILY", String.valueOf(USER_BUDGET)));
            Api api = server.api();
            Api.Login spender =
                    api.login("Spender-" + UUID.randomUUID().toString().substring(0, 6));
            String prefix = "budget-" + UUID.randomUUID().toString().substring(0, 6);
            List<WsClient> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < ROOMS; i++) {
                    WsClient socket = WsClient.connect(WsClient.roomUri(api.base(), prefix + "-" + i, spender.token()));
                    socket.next("history");
                    sockets.add(socket);
                }
                int requestsBefore = llm.requests().size();
                for (WsClient socket : sockets) {
                    socket.send(WsClient.message(UUID.randomUUID().toString(), "@assistant spend it all"));
                }
                int completed = 0;
                int refused = 0;
                for (WsClient socket : sockets) {
                    JsonObject outcome = socket.next(
                            f -> "complete".equals(f.getString("type"))
                                    || "error".equals(f.getString("type"))
                                            && "quota_exceeded".equals(f.getString("code")),
                            Duration.ofSeconds(20));
                    if ("complete".equals(outcome.getString("type"))) {
                        completed++;
                    } else {
                        refused++;
                    }
                }
                assertThat(completed + refused).isEqualTo(ROOMS);
                assertThat(refused).as("quota_exceeded answers").isPositive();
                assertThat(llm.requests().size() - requestsBefore).isEqualTo(completed);

                // the next ask finds the day's spend, not an old reservation
                WsClient again = sockets.get(0);
                again.skipUnread();
                long spent = spentToday(api, spender);
                again.send(WsClient.message(UUID.randomUUID().toString(), "@assistant and again"));
                JsonObject next = again.next(
                        f -> "complete".equals(f.getString("type")) || "error".equals(f.getString("type")),
                        Duration.ofSeconds(20));
                assertThat(next.getString("type"))
                        .as("a reply starts only while the budget has tokens left")
                        .isEqualTo(spent < USER_BUDGET ? "complete" : "error");
                assertThat(spentToday(api, spender)).isLessThanOrEqualTo(USER_BUDGET + ONE_REPLY);

                // a private catch-up is paid from the same budget: refused now, and never sent upstream
                if (spentToday(api, spender) < USER_BUDGET) {
                    again.send(WsClient.message(UUID.randomUUID().toString(), "@assistant use up the rest"));
                    again.next(f -> "complete".equals(f.getString("type")), Duration.ofSeconds(20));
                }
                again.skipUnread();
                int before = llm.requests().size();
                again.send(Json.createObjectBuilder()
                        .add("type", "catchup")
                        .add("since", 0)
                        .build());
                JsonObject refusedCatchUp = again.next("error");
                assertThat(refusedCatchUp.getString("code")).isEqualTo("quota_exceeded");
                assertThat(llm.requests()).hasSize(before);
            } finally {
                sockets.forEach(WsClient::close);
            }
        }
    }

    private static long spentToday(Api api, Api.Login user) {
        JsonObject usage = api.get("api/usage", user.token()).json();
        return usage.getJsonArray("byUser").getValuesAs(JsonObject.class).stream()
                .filter(row -> row.getJsonObject("user").getString("id").equals(user.userId()))
                .mapToLong(row -> row.getJsonNumber("totalTokens").longValue())
                .sum();
    }
}
