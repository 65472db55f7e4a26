package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerRaceTest {

    private static final String GRIZZLY_NPE =
            """
            [2026-12-05T16:12:32.001+0000] [] [WARNING] [] [org.glassfish.grizzly.filterchain.DefaultFilterChain] [[
              GRIZZLY0013: Exception during FilterChain execution
            java.lang.NullPointerException: Cannot invoke "String.length()" because "methodString" is null
            \tat org.glassfish.grizzly.http.HttpRequestPacket.getMethod(HttpRequestPacket.java:123)
            \tat org.glassfish.grizzly.http.server.HttpServerFilter.handleRead(HttpServerFilter.java:200)
            ]]
            """;

    private static final String APP_NPE =
            """
            [2026-12-05T16:12:33.001+0000] [] [SEVERE] [] [dev.parley.chat.room.boundary.RoomEndpoint] [[
              the socket failed
            java.lang.NullPointerException: Cannot invoke "Object.toString()"
            \tat dev.parley.chat.room.boundary.RoomEndpoint.onMessage(RoomEndpoint.java:80)
            \tat org.glassfish.tyrus.core.TyrusEndpointWrapper.onMessage(TyrusEndpointWrapper.java:900)
            ]]
            """;

    private static final String INFO = "[2026-12-05T16:12:34.001+0000] [] [INFO] [] [x] started\n";

    @Test
    void aRecordPerTimestampedLine() {
        assertThat(ContainerRace.records(INFO + GRIZZLY_NPE + APP_NPE)).hasSize(3);
    }

    @Test
    void onlyContainerFramesAreTheRace() {
        assertThat(ContainerRace.isContainerRace(GRIZZLY_NPE)).isTrue();
        assertThat(ContainerRace.isContainerRace(APP_NPE)).isFalse();
    }

    @Test
    void aFewRaceRecordsPassAndAnythingElseFails(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Files.writeString(log, INFO + GRIZZLY_NPE + GRIZZLY_NPE + INFO);
        ContainerRace.assertNoNullPointerExceptionButTheKnownRace(log);

        Files.writeString(log, INFO + GRIZZLY_NPE + APP_NPE);
        assertThatThrownBy(() -> ContainerRace.assertNoNullPointerExceptionButTheKnownRace(log))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not the container's known race");

        Files.writeString(log, GRIZZLY_NPE.repeat(ContainerRace.TOLERATED + 1));
        assertThatThrownBy(() -> ContainerRace.assertNoNullPointerExceptionButTheKnownRace(log))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("recycled-request race");
    }
}
