package dev.parley.chat.usage.boundary;

import dev.parley.chat.room.boundary.HandshakeGuard;
import dev.parley.chat.room.boundary.SocketAdmission;
import dev.parley.chat.room.control.Outbox;
import jakarta.ejb.EJB;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** {@code /ws/usage}: the live usage totals, on connect and after every change. */
@ServerEndpoint(value = "/ws/usage", configurator = HandshakeGuard.class)
public class UsageSocket {

    private static final int OUTBOX_LIMIT = 100;

    @EJB
    UsageFeed feed;

    private Outbox outbox;

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        String refusal = SocketAdmission.refusal(config);
        if (refusal != null) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, refusal));
            return;
        }
        SocketAdmission.withoutIdleTimeout(session);
        outbox = new Outbox(SocketAdmission.sink(session), OUTBOX_LIMIT);
        feed.watch(outbox);
    }

    @OnClose
    public void close() {
        if (outbox != null) {
            feed.unwatch(outbox);
        }
    }
}
