package dev.parley.chat.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No byte for one connection ever reaches another: the crosstalk stress ({@link Crosstalk}) on the
 * embedded default started as users start it, every HTTP answer and every frame parsed, and no
 * NullPointerException in the server's log. The same stress runs against the EAR on Payara
 * Server and WildFly in their smoke suites.
 */
class CrosstalkIT {

    @Test
    void closingSocketsNeverWriteIntoAnotherConnectionsAnswer() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "crosstalk");
        try (EmbeddedServer server = new EmbeddedServer()) {
            server.start(Map.of("CHAT_DATA_DIR", data.toAbsolutePath().toString(), "CHAT_HEARTBEAT_INTERVAL", "PT3S"));
            Crosstalk.Report report = new Crosstalk(server.api().base()).run(Crosstalk.ROUNDS, 4);
            report.assertClean(server.log());
            // every socket of the stress is closed: none may stay registered (and present) as a
            // ghost, even the ones whose close the container never reported (found by the heartbeat)
            Api api = server.api();
            String admin = api.loginWithGroups("Root", "admin").token();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
            long open;
            do {
                Thread.sleep(500);
                open = api.get("api/admin/stats", admin)
                        .json()
                        .getJsonNumber("connections")
                        .longValue();
            } while (open > 0 && System.nanoTime() < deadline);
            org.assertj.core.api.Assertions.assertThat(open)
                    .as("connections still registered")
                    .isZero();
        }
    }
}
