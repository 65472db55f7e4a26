package dev.parley.chat.room.boundary;

import dev.parley.chat.room.control.FrameSink;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** What other endpoints need of the handshake's decision and of the session sink. */
public final class SocketAdmission {

    private SocketAdmission() {}

    /** Why the handshake refused this connection, or null if it was admitted. */
    public static String refusal(EndpointConfig config) {
        Admission admission = (Admission) config.getUserProperties().get(Admission.KEY);
        return admission == null ? "unauthorized" : admission.refusal();
    }

    /** Turns the idle timeout off, and with it Tyrus's per-frame re-arming (see {@link TyrusIdleTimer}). */
    public static void withoutIdleTimeout(Session session) {
        TyrusIdleTimer.disable(session); // first: turning the timeout off re-arms the timer once more
        session.setMaxIdleTimeout(0);
    }

    /** A sink for a connection whose {@code @OnOpen} will not close it. */
    public static FrameSink sink(Session session) {
        SessionSink sink = new SessionSink(session);
        sink.upgraded();
        return sink;
    }
}
