package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator and a moderator do with the embedded server ({@code ./run.sh}): scrape
 * {@code /metrics} while people chat, read and drive the JMX bean as JConsole would (attached to
 * the server's JVM), remove a user from a room for a while, close a room, disconnect a user, pause
 * the assistant; every action lands in the audit trail.
 */
class OperationsIT {

    private static EmbeddedServer server;
    private static Api api;
    private static Api.Login admin;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "operations-data");
        server = new EmbeddedServer();
        server.start(Map.of("CHAT_DATA_DIR", data.toAbsolutePath().toString(), "CHAT_LOG_FORMAT", "json"));
        api = server.api();
        admin = api.loginWithGroups("Olga Operator", "admin");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void metricsArePrometheusTextThatMovesWithTheChat() {
        Api.Response before = api.get("metrics", null);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.contentType()).startsWith("text/plain");
        double stored = metric(before.body(), "parley_messages_stored_total");
        double deliveries = metric(before.body(), "parley_deliveries_total");
        double acks = metric(before.body(), "parley_ack_latency_seconds_count");
        double connectionsTaken = metric(before.body(), "parley_db_connection_acquire_seconds_count");

        String room = room("metrics");
        Api.Login ann = api.login("Ann " + room);
        Api.Login ben = api.login("Ben " + room);
        try (WsClient a = WsClient.connect(WsClient.roomUri(api.base(), room, ann.token()));
                WsClient b = WsClient.connect(WsClient.roomUri(api.base(), room, ben.token()))) {
            a.next("history");
            b.next("history");
            String open = api.get("metrics", null).body();
            assertThat(metric(open, "parley_connections")).isGreaterThanOrEqualTo(2);
            for (int i = 0; i < 5; i++) {
                a.send(WsClient.message(UUID.randomUUID().toString(), "hello " + i));
                a.next("ack");
                b.next("message");
            }
            a.send("{\"type\":\"message\",\"id\":\"" + UUID.randomUUID() + "\",\"body\":42}");
            assertThat(a.next("error").getString("code")).isEqualTo("bad_request");
        }
        String after = api.get("metrics", null).body();
        assertThat(metric(after, "parley_messages_stored_total") - stored).isEqualTo(5);
        assertThat(metric(after, "parley_ack_latency_seconds_count") - acks).isEqualTo(5);
        assertThat(metric(after, "parley_deliveries_total") - deliveries).isGreaterThanOrEqualTo(5);
        assertThat(metric(after, "parley_frames_refused_total{code=\"bad_request\"}"))
                .isGreaterThanOrEqualTo(1);
        // the database pool as the app uses it: taken for the writes and reads, all given back
        assertThat(metric(after, "parley_db_connection_acquire_seconds_count") - connectionsTaken)
                .isGreaterThanOrEqualTo(5);
        assertThat(after).containsPattern("(?m)^parley_db_connections_in_use [0-9]");
        assertThat(after).containsPattern("(?m)^parley_db_connection_failures_total [0-9]");
        assertThat(after)
                .contains("parley_delivery_latency_seconds_bucket")
                .contains("parley_store_duration_seconds_count")
                .contains("jvm_memory_used_bytes")
                .doesNotContain(room); // no room names in the scrape
    }

    @Test
    void everyMetricTheShippedGrafanaDashboardQueriesExists() throws Exception {
        String dashboard = Files.readString(Path.of("../docs/grafana-parley.json"));
        String scrape = api.get("metrics", null).body();
        Matcher names =
                Pattern.compile("(parley_[a-z_]+|jvm_[a-z_]+|process_[a-z_]+)").matcher(dashboard);
        int checked = 0;
        while (names.find()) {
            assertThat(scrape)
                    .as("the dashboard queries " + names.group(1))
                    .containsPattern("(?m)^" + names.group(1) + "[{ ]");
            checked++;
        }
        assertThat(checked).isGreaterThan(15);
    }

    @Test
    void theJmxBeanShowsLiveFiguresAndClosesARoomForEveryoneButAdmins() throws Exception {
        String room = room("jmx");
        Api.Login carl = api.login("Carl " + room);
        try (JMXConnector jmx = attach();
                WsClient c = WsClient.connect(WsClient.roomUri(api.base(), room, carl.token()))) {
            c.next("history");
            c.send(WsClient.message(UUID.randomUUID().toString(), "counted"));
            c.next("ack");
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName chat = new ObjectName("dev.parley:type=Chat");
            assertThat((Integer) mbeans.getAttribute(chat, "Connections")).isGreaterThanOrEqualTo(1);
            assertThat((Long) mbeans.getAttribute(chat, "MessagesStored")).isGreaterThanOrEqualTo(1);
            assertThat((Boolean) mbeans.getAttribute(chat, "AssistantPaused")).isFalse();

            Object closed = mbeans.invoke(chat, "closeRoom", new Object[] {room, "maintenance"}, new String[] {
                "java.lang.String", "java.lang.String"
            });
            assertThat(closed).isEqualTo(true);
            WsClient.Close close = c.awaitClose();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).contains("room closed").contains("maintenance");
        }
        try (WsClient again = WsClient.connect(WsClient.roomUri(api.base(), room, carl.token()))) {
            assertThat(again.awaitClose().reason()).contains("room closed");
        }
        try (WsClient operator = WsClient.connect(WsClient.roomUri(api.base(), room, admin.token()))) {
            operator.next("history"); // admins still get in to look after it
        }
        assertThat(api.delete("api/admin/rooms/" + room + "/closure", admin.token())
                        .status())
                .isEqualTo(204);
        try (WsClient back = WsClient.connect(WsClient.roomUri(api.base(), room, carl.token()))) {
            back.next("history");
        }
        List<JsonObject> audit = auditEntries(room);
        assertThat(audit).extracting(e -> e.getString("action")).containsExactly("room.reopen", "room.close");
        assertThat(audit.get(1).getJsonObject("actor").getString("id")).isEqualTo("jmx");
        assertThat(audit.get(0).getJsonObject("actor").getString("name")).isEqualTo("Olga Operator");
    }

    /**
     * The server ends a connection by sending its close frame and letting the peer's answer end
     * it (docs/reliability.md); a peer that never answers is hung up on a few seconds later, and
     * leaves the room's presence then.
     */
    @Test
    void aRemovedPeerThatNeverAnswersTheCloseFrameIsHungUpOnAndLeaves() throws Exception {
        String room = room("silent");
        Api.Login dora = api.login("Dora " + room);
        Api.Login mute = api.login("Mute " + room);
        try (WsClient d = WsClient.connect(WsClient.roomUri(api.base(), room, dora.token()));
                SilentPeer silent = new SilentPeer(WsClient.roomUri(api.base(), room, mute.token()))) {
            d.next("history");
            assertThat(d.next("join").getJsonObject("user").getString("id")).isEqualTo(mute.userId());
            assertThat(silent.next().text()).contains("\"welcome\"");
            assertThat(api.put(
                                    "api/admin/rooms/" + room + "/removals/" + mute.userId(),
                                    admin.token(),
                                    "{\"seconds\":30,\"reason\":\"testing\"}")
                            .status())
                    .isEqualTo(204);
            SilentPeer.Frame close;
            do {
                close = silent.next();
            } while (close.opcode() != 8);
            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(close.text()).contains("removed from this room");

            Duration hungUpAfter = silent.untilTheServerHangsUp(Duration.ofSeconds(15));
            assertThat(hungUpAfter).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
            assertThat(d.next("leave").getJsonObject("user").getString("id")).isEqualTo(mute.userId());
        }
    }

    @Test
    void aRemovedUserSeesWhyAndCannotRejoinUntilTheTimePasses() throws Exception {
        String room = room("removal");
        Api.Login dora = api.login("Dora " + room);
        Api.Login eve = api.login("Eve " + room);
        try (WsClient d = WsClient.connect(WsClient.roomUri(api.base(), room, dora.token()));
                WsClient e = WsClient.connect(WsClient.roomUri(api.base(), room, eve.token()))) {
            d.next("history");
            e.next("history");
            Api.Response removed = api.put(
                    "api/admin/rooms/" + room + "/removals/" + eve.userId(),
                    admin.token(),
                    "{\"seconds\":4,\"reason\":\"flooding the room\",\"userName\":\"Eve\"}");
            assertThat(removed.status()).isEqualTo(204);
            WsClient.Close close = e.awaitClose();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).contains("removed from this room").contains("flooding the room");
            assertThat(d.next("leave").getJsonObject("user").getString("id")).isEqualTo(eve.userId());
            assertThat(d.isClosed()).as("the others stay").isFalse();
        }
        long removedAt = System.nanoTime();
        try (WsClient again = WsClient.connect(WsClient.roomUri(api.base(), room, eve.token()))) {
            assertThat(again.awaitClose().reason()).contains("removed from this room");
        }
        JsonObject listed =
                api.get("api/admin/rooms?q=" + room, admin.token()).array().getJsonObject(0);
        assertThat(listed.getJsonArray("removals").getJsonObject(0).getString("userId"))
                .isEqualTo(eve.userId());

        Thread.sleep(Math.max(0, Duration.ofSeconds(5).toMillis() - (System.nanoTime() - removedAt) / 1_000_000));
        try (WsClient back = WsClient.connect(WsClient.roomUri(api.base(), room, eve.token()))) {
            back.next("history");
        }
        JsonObject entry = auditEntries(room).get(0);
        assertThat(entry.getString("action")).isEqualTo("room.remove-user");
        assertThat(entry.getString("target")).isEqualTo(eve.userId());
        assertThat(entry.getString("detail")).contains("flooding the room");
    }

    @Test
    void aDisconnectReachesEveryRoomOfTheUserAndAPausedAssistantSaysSo() {
        String room = room("disconnect");
        Api.Login finn = api.login("Finn " + room);
        try (WsClient one = WsClient.connect(WsClient.roomUri(api.base(), room, finn.token()));
                WsClient two = WsClient.connect(WsClient.roomUri(api.base(), room + "-b", finn.token()))) {
            one.next("history");
            two.next("history");
            JsonObject online = api.get("api/admin/users", admin.token()).array().getValuesAs(JsonObject.class).stream()
                    .filter(user -> user.getString("id").equals(finn.userId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(online.getJsonArray("rooms")).hasSize(2);
            assertThat(api.post("api/admin/users/" + finn.userId() + "/disconnect", admin.token(), "")
                            .status())
                    .isEqualTo(204);
            assertThat(one.awaitClose().reason()).contains("disconnected by an administrator");
            assertThat(two.awaitClose().reason()).contains("disconnected by an administrator");
        }
        try (WsClient asker = WsClient.connect(WsClient.roomUri(api.base(), room, finn.token()))) {
            asker.next("history");
            assertThat(api.put("api/admin/assistant/paused", admin.token(), "{\"paused\":true}")
                            .status())
                    .isEqualTo(200);
            String id = UUID.randomUUID().toString();
            asker.send(WsClient.message(id, "@assistant are you there?"));
            asker.next("ack");
            JsonObject refused = asker.next("error");
            assertThat(refused.getString("code")).isEqualTo("assistant_unavailable");
            assertThat(refused.getString("message")).contains("paused");
            assertThat(api.get("api/admin/dashboard", admin.token()).json().getBoolean("assistantPaused"))
                    .isTrue();
        } finally {
            api.put("api/admin/assistant/paused", admin.token(), "{\"paused\":false}");
        }
        List<String> actions = api
                .get("api/admin/audit?limit=200", admin.token())
                .json()
                .getJsonArray("entries")
                .getValuesAs(JsonObject.class)
                .stream()
                .map(e -> e.getString("action"))
                .toList();
        assertThat(actions).contains("user.disconnect", "assistant.pause", "assistant.resume");
    }

    @Test
    void withCHAT_LOG_FORMAT_jsonTheServerLogsOneJsonObjectPerLineAndNeverAToken() throws Exception {
        api.get("api/admin/stats", admin.token());
        List<String> lines = Files.readAllLines(server.log());
        List<String> json = lines.stream().filter(line -> line.startsWith("{")).toList();
        assertThat(json).hasSizeGreaterThan(10);
        for (String line : json) {
            try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(line))) {
                JsonObject event = reader.readObject();
                assertThat(event).containsKeys("Timestamp", "Level", "LoggerName");
                // a record of the server's own that carries only an exception has no message
                assertThat(event)
                        .containsAnyOf(
                                java.util.Map.entry(
                                        "LogMessage", event.getOrDefault("LogMessage", jakarta.json.JsonValue.NULL)),
                                java.util.Map.entry(
                                        "Throwable", event.getOrDefault("Throwable", jakarta.json.JsonValue.NULL)));
            }
        }
        assertThat(json).anyMatch(line -> line.contains("Payara Micro") && line.contains("ready in"));
        String signature = admin.token().substring(admin.token().lastIndexOf('.') + 1);
        assertThat(lines).noneMatch(line -> line.contains(signature));
    }

    @Test
    void healthSaysHowTheAssistantIsAndTheRestClientIsNoResourceOfOurs() {
        JsonObject check =
                api.get("health/ready", null).json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .filter(c -> "assistant".equals(c.getString("name")))
                        .findFirst()
                        .orElseThrow();
        assertThat(check.getString("status")).isEqualTo("UP");
        assertThat(check.getJsonObject("data").getString("problem")).contains("no provider is configured");
        assertThat(api.get("health/live", null).body()).contains("\"deadlocks\"");
        // the LLM client interface once leaked into the server's own API (a 500 with a stack trace)
        assertThat(api.post("api/chat/completions", admin.token(), "{}").status())
                .isEqualTo(404);
    }

    @Test
    void adminCallsNeedTheAdminRoleAndBadInputIsRefusedClearly() {
        Api.Login user = api.login("Gus");
        for (String path : List.of("api/admin/dashboard", "api/admin/rooms", "api/admin/users", "api/admin/audit")) {
            assertThat(api.get(path, user.token()).status()).as(path).isEqualTo(403);
            assertThat(api.get(path, null).status()).as(path).isEqualTo(401);
        }
        assertThat(api.put("api/admin/rooms/lobby/closure", user.token(), "{}").status())
                .isEqualTo(403);
        String room = room("input");
        api.put("api/rooms/" + room, admin.token(), "{}");
        Api.Response noTime = api.put("api/admin/rooms/" + room + "/removals/u-1", admin.token(), "{\"reason\":\"x\"}");
        assertThat(noTime.status()).isEqualTo(400);
        assertThat(noTime.json().getString("code")).isEqualTo("bad_request");
        assertThat(api.put("api/admin/rooms/" + room + "/removals/u-1", admin.token(), "{\"minutes\":-5}")
                        .status())
                .isEqualTo(400);
        assertThat(api.put(
                                "api/admin/rooms/" + room + "/removals/u-1",
                                admin.token(),
                                "{\"minutes\":9223372036854775807}")
                        .status())
                .isEqualTo(400);
        assertThat(api.put("api/admin/rooms/no-such-room-" + room + "/closure", admin.token(), "{}")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("api/admin/audit?limit=0", admin.token()).status()).isEqualTo(400);

        // paging: three entries, one at a time, newest first, without gaps or repeats
        for (int i = 0; i < 3; i++) {
            api.put("api/admin/rooms/" + room + "/closure", admin.token(), "{\"reason\":\"round " + i + "\"}");
        }
        JsonObject first = api.get("api/admin/audit?limit=1", admin.token()).json();
        JsonObject second = api.get(
                        "api/admin/audit?limit=1&before="
                                + first.getJsonArray("entries").getJsonObject(0).getJsonNumber("id"),
                        admin.token())
                .json();
        assertThat(first.getBoolean("hasMore")).isTrue();
        assertThat(first.getJsonArray("entries").getJsonObject(0).getString("detail"))
                .isEqualTo("round 2");
        assertThat(second.getJsonArray("entries").getJsonObject(0).getString("detail"))
                .isEqualTo("round 1");
    }

    private static List<JsonObject> auditEntries(String room) {
        return api
                .get("api/admin/audit?limit=200", admin.token())
                .json()
                .getJsonArray("entries")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> room.equals(e.getString("room", null)))
                .toList();
    }

    /** A JMX connection to the server's JVM, as JConsole makes one to a local process. */
    private static JMXConnector attach() throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(server.javaPid()));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    /** A sample's value in Prometheus text ({@code name} may carry its labels), 0 when absent. */
    private static double metric(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$")
                .matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String room(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
