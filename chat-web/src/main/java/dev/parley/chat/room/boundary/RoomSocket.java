package dev.parley.chat.room.boundary;

import dev.parley.chat.room.control.Connection;
import dev.parley.chat.room.control.Outbox;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code /ws/rooms/{room}}: translates WebSocket events into calls on {@link RoomSessions}. */
@ServerEndpoint(value = "/ws/rooms/{room}", configurator = HandshakeGuard.class)
public class RoomSocket {

    private static final Logger LOG = Logger.getLogger(RoomSocket.class.getName());
    private static final int MAX_FRAME = 64 * 1024;

    private final RoomSessions sessions;

    /** Made by {@link HandshakeGuard#getEndpointInstance}, one per connection. */
    RoomSocket(RoomSessions sessions) {
        this.sessions = sessions;
    }

    // Tyrus runs @OnOpen inside the container's upgrade and reports an abrupt disconnect on another
    // thread without waiting for it: a client that drops right after its history gets @OnClose
    // while @OnOpen is still registering it. Open and close therefore take turns on this endpoint
    // (else the connection would stay registered, and present, forever), and the sink is told at
    // once so that nothing more is written to a connection that is going away.
    private volatile Connection connection;
    private volatile SessionSink sink;

    @OnOpen
    public synchronized void open(Session session, EndpointConfig config) {
        sink = new SessionSink(session);
        try {
            Admission admission = (Admission) config.getUserProperties().get(Admission.KEY);
            if (admission == null || admission.refused()) {
                String reason = admission == null ? "unauthorized" : admission.refusal();
                sink.close(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), reason);
                return;
            }
            session.setMaxTextMessageBufferSize(MAX_FRAME);
            // Tyrus re-arms the idle timer on every frame through the managed scheduler, which captures
            // the whole EE context each time: too costly on the hot path. Dead peers are found by the
            // heartbeat and by the outbox limit instead.
            SocketAdmission.withoutIdleTimeout(session);
            Connection opened = new Connection(
                    admission.room(),
                    admission.identity(),
                    new Outbox(sink, sessions.outboxLimit()),
                    sessions.newInboundBudget());
            if (sessions.open(opened, admission.since(), admission.rev())) {
                connection = opened;
            }
        } finally {
            sink.upgraded();
        }
    }

    @OnMessage(maxMessageSize = MAX_FRAME)
    public void message(String text) {
        if (connection != null) {
            sessions.receive(connection, text);
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        SessionSink closingSink = sink;
        if (closingSink != null) {
            closingSink.closing();
        }
        synchronized (this) {
            if (connection != null) {
                sessions.close(connection);
                connection = null;
            }
        }
    }

    @OnError
    public void error(Throwable error) {
        LOG.log(Level.FINE, "WebSocket error", error);
    }
}
