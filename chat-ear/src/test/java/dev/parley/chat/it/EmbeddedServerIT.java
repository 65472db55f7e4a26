package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a new user runs it: the embedded server keeps its history and its
 * dev tokens across a restart, because both live in the data folder.
 */
class EmbeddedServerIT {

    @Test
    void historyAndTokensSurviveARestart() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "restart-data");
        try (EmbeddedServer server = new EmbeddedServer()) {
            Api api = server.api();
            server.start(Map.of("CHAT_DATA_DIR", data.toAbsolutePath().toString()));
            Api.Login alice = api.login("Alice");
            String room = "durable-" + UUID.randomUUID().toString().substring(0, 8);
            List<String> ids =
                    List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
            try (WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, alice.token()))) {
                client.next("history");
                for (String id : ids) {
                    client.send(WsClient.message(id, "before restart " + id));
                    client.next("ack");
                }
            }
            server.stop();
            assertThat(Files.list(data).map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("parley"));
            // a clean stop leaves the class archive the next start maps, and no half-written one
            Path build = Path.of(System.getProperty("parley.root", ".."), "chat-web", "target");
            try (var files = Files.list(build)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.contains(".jsa")))
                        .anyMatch(name -> name.matches("parley-java.+\\.jsa"))
                        .noneMatch(name -> name.matches(".+\\.jsa\\.\\d+"));
            }

            server.start(Map.of("CHAT_DATA_DIR", data.toAbsolutePath().toString()));
            try (WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, alice.token()))) {
                JsonObject welcome = client.next("welcome");
                assertThat(welcome.getJsonNumber("lastSeq").longValue()).isEqualTo(2);
                JsonObject history = client.next("history");
                assertThat(history.getJsonArray("messages").getValuesAs(JsonObject.class))
                        .extracting(m -> m.getString("id"))
                        .containsExactlyElementsOf(ids);
                client.send(WsClient.message(UUID.randomUUID().toString(), "after restart"));
                assertThat(client.next("ack").getJsonNumber("seq").longValue()).isEqualTo(3);

                // no CHAT_LLM_BASE_URL here: a mention gets a clear system message, and nothing breaks
                client.send(WsClient.message(UUID.randomUUID().toString(), "@assistant are you there?"));
                client.next("ack");
                JsonObject notice = client.next("message").getJsonObject("message");
                assertThat(notice.getString("role")).isEqualTo("system");
                assertThat(notice.getString("body")).contains("not configured");
            }
            assertThat(api.login("Alice").userId()).isEqualTo(alice.userId());

            // dev login signs anyone in as an admin: it answers only callers on this machine
            java.net.InetAddress lanAddress =
                    java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                            .filter(nic -> {
                                try {
                                    return nic.isUp() && !nic.isLoopback();
                                } catch (java.net.SocketException e) {
                                    return false;
                                }
                            })
                            .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                            .filter(address -> address instanceof java.net.Inet4Address)
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("this test needs a non-loopback IPv4 address"));
            Api fromTheLan = new Api(java.net.URI.create(
                    "http://" + lanAddress.getHostAddress() + ":" + api.base().getPort() + "/"));
            Api.Response refused = fromTheLan.post("api/auth/dev-login", null, "{\"name\":\"Mallory\"}");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().getString("code")).isEqualTo("forbidden");
            assertThat(fromTheLan.get("api/auth/config", null).status()).isEqualTo(200);
        }
    }
}
