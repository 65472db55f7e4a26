package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a new user runs it: the embedded server keeps its history and its
 * dev tokens across a restart, because both live in the data folder.
 */
class EmbeddedServerIT {

    private static final Duration STARTUP = Duration.ofSeconds(150);

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        stopServer();
    }

    @Test
    void historyAndTokensSurviveARestart() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "restart-data");
        int port = freePort();
        Api api = new Api(URI.create("http://127.0.0.1:" + port + "/"));

        startServer(data, port, api);
        Api.Login alice = api.login("Alice");
        String room = "durable-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        try (WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, alice.token()))) {
            client.next("history");
            for (String id : ids) {
                client.send(WsClient.message(id, "before restart " + id));
                client.next("ack");
            }
        }
        stopServer();
        assertThat(Files.list(data).map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("parley"));

        startServer(data, port, api);
        try (WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, alice.token()))) {
            JsonObject welcome = client.next("welcome");
            assertThat(welcome.getJsonNumber("lastSeq").longValue()).isEqualTo(2);
            JsonObject history = client.next("history");
            assertThat(history.getJsonArray("messages").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("id")).containsExactlyElementsOf(ids);
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
    }

    private void startServer(Path data, int port, Api api) throws IOException, InterruptedException {
        File root = new File(System.getProperty("parley.root", ".."));
        ProcessBuilder builder = new ProcessBuilder("bash", new File(root, "run.sh").getAbsolutePath())
                .directory(root)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/embedded-server-" + port + ".log"));
        builder.environment().put("CHAT_PORT", String.valueOf(port));
        builder.environment().put("CHAT_DATA_DIR", data.toAbsolutePath().toString());
        builder.environment().put("PARLEY_SKIP_BUILD", "1");
        builder.environment().put("JAVA_OPTS", "-Xmx512m");
        server = builder.start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("the server process is running").isTrue();
            try {
                if (api.get("api/auth/config", null).status() == 200) {
                    return;
                }
            } catch (AssertionError notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the embedded server did not answer within " + STARTUP);
    }

    private void stopServer() throws InterruptedException {
        if (server == null) {
            return;
        }
        List<ProcessHandle> family = server.descendants().toList();
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        for (ProcessHandle child : family) {
            child.destroy();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        server = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
