package dev.parley.chat.it.production;

import static dev.parley.chat.it.WsClient.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.it.Api;
import dev.parley.chat.it.Crosstalk;
import dev.parley.chat.it.FakeLlm;
import dev.parley.chat.it.WsClient;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The unmodified EAR on a production server against PostgreSQL: login and roles, chat, history,
 * resume, presence, the assistant through the MicroProfile REST Client, the browser app, and a
 * schema upgrade from the first release that keeps every message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProductionServerSmoke {

    private static final String LEGACY_ROOM = "legacy";

    private final ProductionServer server;
    private PostgresSchema database;
    private Api api;

    ProductionServerSmoke(ProductionServer server) {
        this.server = server;
    }

    @Test
    void theCrosstalkStressFindsNoForeignByteAndNoLostConnection() throws Exception {
        Crosstalk.Report report = new Crosstalk(api.base()).run(Crosstalk.ROUNDS, 4);
        report.assertClean(server.serverLog());
    }

    @BeforeAll
    void deploy() throws Exception {
        FakeLlm.start();
        database = PostgresSchema.create("parley_" + getClass().getSimpleName().toLowerCase());
        database.migrateTo("1");
        seedFirstReleaseRows();
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "server-data");
        server.startWith(
                database,
                Map.of(
                        "chat.data.dir",
                        data.toString(),
                        "chat.llm.base.url",
                        "http://127.0.0.1:" + FakeLlm.PORT + "/v1",
                        "chat.llm.model",
                        "test-model",
                        "chat.oidc.admin.groups",
                        "admin,ops"));
        api = server.api();
    }

    @AfterAll
    void undeploy() throws Exception {
        try {
            server.close();
        } finally {
            database.close();
        }
    }

    /** Rows as the first release (schema version 1) wrote them. */
    private void seedFirstReleaseRows() throws Exception {
        database.execute("insert into chat_room (name, last_seq, created_at, last_activity_at) values ('" + LEGACY_ROOM
                + "', 3, now(), now())");
        for (int seq = 1; seq <= 3; seq++) {
            database.execute("insert into chat_message (room, seq, id, user_id, user_name, role, body, status,"
                    + " created_at) values ('" + LEGACY_ROOM + "', " + seq + ", '" + UUID.randomUUID()
                    + "', 'u-old', 'Old Timer', 'USER', 'from release 1 #" + seq + "', 'COMPLETE', now())");
        }
    }

    @Test
    void healthSaysTheDatabaseTheWritePathAndTheSchemaAreFine() {
        Api health = new Api(server.health());
        Api.Response ready = health.get("health/ready", null);
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        if (!server.runsApplicationHealthChecks()) {
            assertThat(check(ready, "deployments-status").getJsonObject("data").getString("parley.ear"))
                    .isEqualTo("OK");
            return;
        }
        // Payara writes the data's numbers as strings, WildFly as numbers
        assertThat(check(ready, "database").getJsonObject("data")).containsKey("queryMillis");
        assertThat(check(ready, "write-backlog").getString("status")).isEqualTo("UP");
        assertThat(check(health.get("health/live", null), "write-lanes").getString("status"))
                .isEqualTo("UP");
        assertThat(check(health.get("health/started", null), "schema")
                        .getJsonObject("data")
                        .getString("version"))
                .isEqualTo(latestSchemaVersion());
    }

    private static JsonObject check(Api.Response health, String name) {
        return health.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> name.equals(c.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health.body()));
    }

    /** The highest V<n>__ migration shipped in the application. */
    private static String latestSchemaVersion() {
        try (var files = Files.list(Path.of("../chat-ejb/src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*"))
                    .map(n -> n.substring(1, n.indexOf("__")))
                    .max(java.util.Comparator.comparingInt(Integer::parseInt))
                    .orElseThrow();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void metricsTheJmxBeanAndModerationWorkHereToo() throws Exception {
        String room = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Login admin = api.loginWithGroups("Opal", "admin");
        Api.Login user = api.login("Ulf " + room);
        try (WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, user.token()))) {
            client.next("history");
            client.send(message(UUID.randomUUID().toString(), "counted"));
            client.next("ack");
            Api.Response metrics = api.get("metrics", null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.contentType()).startsWith("text/plain");
            assertThat(metrics.body())
                    .containsPattern("(?m)^parley_connections [1-9]")
                    .containsPattern("(?m)^parley_messages_stored_total [1-9]")
                    .containsPattern("(?m)^parley_db_connection_acquire_seconds_count [1-9]")
                    .contains("parley_delivery_latency_seconds_bucket");
            assertThat(api.get("api/admin/dashboard", admin.token()).json().getInt("connections"))
                    .as("the admin dashboard counts the open socket")
                    .isGreaterThanOrEqualTo(1);

            var vm = com.sun.tools.attach.VirtualMachine.attach(String.valueOf(server.javaPid()));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            try (var jmx = javax.management.remote.JMXConnectorFactory.connect(
                    new javax.management.remote.JMXServiceURL(address))) {
                var chat = new javax.management.ObjectName("dev.parley:type=Chat");
                var mbeans = jmx.getMBeanServerConnection();
                assertThat((Integer) mbeans.getAttribute(chat, "Connections")).isGreaterThanOrEqualTo(1);
                assertThat((Long) mbeans.getAttribute(chat, "MessagesStored")).isGreaterThanOrEqualTo(1);
            }

            assertThat(api.put("api/admin/rooms/" + room + "/closure", user.token(), "{}")
                            .status())
                    .isEqualTo(403);
            assertThat(api.put("api/admin/rooms/" + room + "/closure", admin.token(), "{\"reason\":\"audit\"}")
                            .status())
                    .isEqualTo(204);
            assertThat(client.awaitClose().reason()).contains("room closed");
        }
        assertThat(api.delete("api/admin/rooms/" + room + "/closure", admin.token())
                        .status())
                .isEqualTo(204);
        List<JsonObject> entries = api.get("api/admin/audit", admin.token())
                .json()
                .getJsonArray("entries")
                .getValuesAs(JsonObject.class);
        assertThat(entries)
                .filteredOn(e -> room.equals(e.getString("room", null)))
                .extracting(e -> e.getString("action"))
                .containsExactly("room.reopen", "room.close");
    }

    @Test
    void devLoginAndRolesAnswerAsTheContractSays() {
        assertThat(api.get("api/auth/config", null).json().getString("mode")).isEqualTo("dev");
        assertThat(api.get("api/rooms", null).status()).isEqualTo(401);
        Api.Login user = api.login("Ursula");
        assertThat(api.get("api/rooms", user.token()).status()).isEqualTo(200);
        assertThat(api.get("api/admin/stats", user.token()).status()).isEqualTo(403);
        Api.Login admin = api.loginWithGroups("Ada", "admin");
        assertThat(api.get("api/admin/stats", admin.token())
                        .json()
                        .getJsonNumber("messagesStored")
                        .longValue())
                .isGreaterThanOrEqualTo(3);
        assertThat(api.get("api/rooms", "not.a.token").status()).isEqualTo(401);
        assertThat(WsClient.refusedBeforeAnyFrame(WsClient.roomUri(api.base(), "lobby", "not.a.token")))
                .as("refused before the upgrade: the app's filter runs before the server's WebSocket upgrade")
                .isEqualTo("HTTP 401");
    }

    @Test
    void rolesFollowTheConfiguredGroupMapping() {
        // chat.oidc.admin.groups=admin,ops: a member of "ops" is an admin on this server too
        Api.Login operator = api.loginWithGroups("Olga", "ops");
        assertThat(api.get("api/admin/stats", operator.token()).status()).isEqualTo(200);
        Api.Login other = api.loginWithGroups("Otto", "marketing");
        assertThat(api.get("api/admin/stats", other.token()).status()).isEqualTo(403);
    }

    @Test
    void chatHistoryResumeAndPresence() throws Exception {
        String room = "smoke-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Login alice = api.login("Alice");
        Api.Login bob = api.login("Bob");
        try (WsClient a = WsClient.connect(WsClient.roomUri(api.base(), room, alice.token()))) {
            a.next("history");
            try (WsClient b = WsClient.connect(WsClient.roomUri(api.base(), room, bob.token()))) {
                b.next("history");
                assertThat(a.next("join").getJsonObject("user").getString("name"))
                        .isEqualTo("Bob");
                chatBetween(room, alice, a, b);
            }
        }
        try (WsClient resumed = WsClient.connect(WsClient.roomUri(api.base(), room, bob.token(), 2L))) {
            JsonObject history = resumed.next("history");
            assertThat(history.getJsonArray("messages").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("body"))
                    .containsExactly("hello 3", "hello 4");
        }
        JsonObject page = api.get("api/rooms/" + room + "/messages?before=3&limit=10", alice.token())
                .json();
        assertThat(page.getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("body"))
                .containsExactly("hello 1", "hello 2");
        assertThat(database.count("chat_message where room = '" + room + "'")).isEqualTo(4);
    }

    private void chatBetween(String room, Api.Login alice, WsClient a, WsClient b) {
        JsonObject presence =
                api.get("api/rooms/" + room + "/presence", alice.token()).json();
        assertThat(presence.getJsonArray("users").getValuesAs(JsonObject.class))
                .extracting(u -> u.getString("name"))
                .containsExactlyInAnyOrder("Alice", "Bob");
        for (int i = 1; i <= 4; i++) {
            a.send(message(UUID.randomUUID().toString(), "hello " + i));
            assertThat(a.next("ack").getJsonNumber("seq").longValue()).isEqualTo(i);
            assertThat(b.next("message").getJsonObject("message").getString("body"))
                    .isEqualTo("hello " + i);
        }
    }

    @Test
    void messagesOfTheFirstReleaseSurviveTheSchemaUpgrade() throws Exception {
        assertThat(database.count("chat_schema_history where version = '2' and success"))
                .isEqualTo(1);
        Api.Login reader = api.login("Reader");
        Api.Response response = api.get("api/rooms/" + LEGACY_ROOM + "/messages?limit=50", reader.token());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonObject page = response.json();
        assertThat(page.getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("body"))
                .containsExactly("from release 1 #1", "from release 1 #2", "from release 1 #3");
        try (WsClient client = WsClient.connect(WsClient.roomUri(api.base(), LEGACY_ROOM, reader.token()))) {
            assertThat(client.next("history").getJsonArray("messages")).hasSize(3);
            client.send(message(UUID.randomUUID().toString(), "written after the upgrade"));
            assertThat(client.next("ack").getJsonNumber("seq").longValue()).isEqualTo(4);
        }
    }

    @Test
    void theAssistantStreamsItsReplyThroughTheRestClient() {
        String room = "ai-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Login alice = api.login("Alice");
        try (WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, alice.token()))) {
            client.next("history");
            client.send(message(UUID.randomUUID().toString(), "@assistant say something"));
            JsonObject started = client.next(
                            f -> "message".equals(f.getString("type"))
                                    && "assistant"
                                            .equals(f.getJsonObject("message").getString("role")),
                            WsClient.WAIT)
                    .getJsonObject("message");
            assertThat(started.getString("status")).isEqualTo("streaming");
            assertThat(client.next("delta").getString("messageId")).isEqualTo(started.getString("id"));
            JsonObject done = client.next(f -> "complete".equals(f.getString("type")), Duration.ofSeconds(30))
                    .getJsonObject("message");
            assertThat(done.getString("status")).isEqualTo("complete");
            assertThat(done.getString("body")).isEqualTo(String.join("", FakeLlm.TOKENS));
        }
        JsonObject usage = api.get("api/usage", alice.token()).json();
        assertThat(usage.getJsonObject("total").getInt("requests")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theBrowserAppIsServedAtTheRootWithItsSecurityHeaders() {
        Api.Response index = api.get("", null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("<div id=\"app\">");
        assertThat(api.getFrom("", null, api.base().toString().replaceAll("/$", ""))
                        .headers()
                        .firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(List.of(api.get("api/asyncapi.json", null).status())).containsExactly(200);
    }
}
