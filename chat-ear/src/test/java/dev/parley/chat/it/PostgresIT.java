package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.it.production.PostgresSchema;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production database path on the machine's real PostgreSQL (127.0.0.1:5432, database
 * {@code test}): the run command with {@code CHAT_DB_URL}, Flyway creating the schema, chat,
 * history, resume, and a restart. Each run works in a schema of its own and drops it after.
 */
class PostgresIT {

    private PostgresSchema schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = PostgresSchema.create("parley_it");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.close();
    }

    @Test
    void chatHistoryResumeAndSearchWorkOnPostgresqlAcrossARestart() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "pg-data");
        Map<String, String> environment = Map.of(
                "CHAT_DB_URL", schema.jdbcUrl(),
                "CHAT_DB_USER", PostgresSchema.user(),
                "CHAT_DATA_DIR", data.toAbsolutePath().toString());
        String room = "pg-" + UUID.randomUUID().toString().substring(0, 8);
        try (EmbeddedServer server = new EmbeddedServer()) {
            Api api = server.api();
            server.start(environment);
            Api.Login alice = api.login("Alice");
            long lastSeen;
            try (WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, alice.token()))) {
                client.next("history");
                for (int i = 1; i <= 5; i++) {
                    client.send(WsClient.message(UUID.randomUUID().toString(), "pg " + i));
                    client.next("ack");
                }
                lastSeen = 3;
            }
            assertThat(schema.count("chat_message")).isEqualTo(5);
            assertThat(schema.count("chat_schema_history")).isGreaterThanOrEqualTo(2);

            server.stop();
            server.start(environment);
            try (WsClient resumed = WsClient.connect(WsClient.roomUri(api.base(), room, alice.token(), lastSeen))) {
                JsonObject history = resumed.next("history");
                assertThat(history.getJsonArray("messages").getValuesAs(JsonObject.class))
                        .extracting(m -> m.getString("body"))
                        .containsExactly("pg 4", "pg 5");
                resumed.send(WsClient.message(UUID.randomUUID().toString(), "pg 6"));
                assertThat(resumed.next("ack").getJsonNumber("seq").longValue()).isEqualTo(6);
            }
            JsonObject page = api.get("api/rooms/" + room + "/messages?before=3&limit=10", alice.token())
                    .json();
            assertThat(page.getJsonArray("messages").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("body"))
                    .containsExactly("pg 1", "pg 2");

            // search answers from the full-text index (prefix match of every word)
            assertThat(schema.count(
                            "pg_indexes where schemaname = current_schema() and indexname = 'chat_message_search'"))
                    .isEqualTo(1);
            JsonObject found =
                    api.get("api/search?q=PG+6&room=" + room, alice.token()).json();
            assertThat(found.getJsonArray("messages").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("body"))
                    .containsExactly("pg 6");
            assertThat(found.getJsonArray("messages")
                            .getJsonObject(0)
                            .getJsonArray("highlights")
                            .toString())
                    .isEqualTo("[[0,2],[3,4]]");
            JsonObject prefix = api.get("api/search?q=p&room=" + room + "&limit=4", alice.token())
                    .json();
            assertThat(prefix.getJsonArray("messages").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("body"))
                    .containsExactly("pg 6", "pg 5", "pg 4", "pg 3");
            JsonObject rest = api.get(
                            "api/search?q=p&room=" + room + "&before=" + prefix.getString("nextBefore"), alice.token())
                    .json();
            assertThat(rest.getJsonArray("messages").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("body"))
                    .containsExactly("pg 2", "pg 1");
        }
    }
}
