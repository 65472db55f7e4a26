package dev.parley.chat.room.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.tyrus.core.TyrusRemoteEndpoint;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.junit.jupiter.api.Test;

class TyrusGracefulCloseTest {

    private final List<CloseReason> standardCloses = new CopyOnWriteArrayList<>();

    @Test
    void onTyrusTheCloseFrameGoesOutAndThePeersAnswerIsLeftToEndIt() {
        TyrusWebSocket socket = new TyrusWebSocket();
        Session session = session(new TyrusRemoteEndpoint.Async(socket));

        assertThat(TyrusGracefulClose.begin(session, 1008, "removed from this room"))
                .isTrue();

        assertThat(socket.state()).isEqualTo("CLOSING");
        assertThat(socket.rawFrames).singleElement().satisfies(frame -> {
            assertThat(frame.get(0)).isEqualTo((byte) 0x88);
            assertThat(frame.get(1)).isEqualTo((byte) (2 + "removed from this room".length()));
            assertThat(frame.getShort(2)).isEqualTo((short) 1008);
        });
        assertThat(standardCloses)
                .as("not handed back to the container at once")
                .isEmpty();

        assertThat(TyrusGracefulClose.begin(session, 1008, "again"))
                .as("already closing")
                .isTrue();
        assertThat(socket.rawFrames).hasSize(1);
    }

    @Test
    void elsewhereTheCallerClosesThroughTheStandardApi() {
        RemoteEndpoint.Async other = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (p, m, a) -> null);

        assertThat(TyrusGracefulClose.begin(session(other), 1008, "no")).isFalse();
    }

    @Test
    void theFrameKeepsToTheLimitWithoutCuttingACharacterAndNeverCarriesAReservedCode() {
        String reason = "é".repeat(100); // 200 bytes of UTF-8
        ByteBuffer frame = TyrusGracefulClose.closeFrame(1008, reason);
        int payload = frame.get(1);
        assertThat(payload).isLessThanOrEqualTo(125);
        String sent = new String(frame.array(), 4, payload - 2, StandardCharsets.UTF_8);
        assertThat(sent).isEqualTo("é".repeat(61));

        assertThat(TyrusGracefulClose.closeFrame(1006, null).getShort(2)).isEqualTo((short) 1000);
        assertThat(TyrusGracefulClose.closeFrame(1006, null).get(1)).isEqualTo((byte) 2);
    }

    private Session session(RemoteEndpoint.Async async) {
        return (Session) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Session.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAsyncRemote":
                            return async;
                        case "isOpen":
                            return true;
                        case "close":
                            if (args != null && args.length == 1) {
                                standardCloses.add((CloseReason) args[0]);
                            }
                            return null;
                        default:
                            return null;
                    }
                });
    }
}
