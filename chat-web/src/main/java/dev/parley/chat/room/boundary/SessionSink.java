package dev.parley.chat.room.boundary;

import dev.parley.chat.room.control.FrameSink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A {@link FrameSink} over a JSR-356 session: asynchronous sends, closes with a code and reason. */
final class SessionSink implements FrameSink {

    private static final Logger LOG = Logger.getLogger(SessionSink.class.getName());

    private final Session session;
    private final TextSender sender;

    SessionSink(Session session) {
        this.session = session;
        RemoteEndpoint.Async async = session.getAsyncRemote();
        this.sender = TyrusFastPath.sender(async).orElse(async::sendText);
    }

    @Override
    public void send(String text, Consumer<Boolean> done) {
        if (!session.isOpen()) {
            done.accept(false);
            return;
        }
        try {
            sender.send(text, result -> done.accept(result.isOK()));
        } catch (RuntimeException e) {
            done.accept(false);
        }
    }

    @Override
    public void close(int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing a session failed", e);
        }
    }

    /** Sends one text frame and reports to the handler. */
    @FunctionalInterface
    interface TextSender {
        void send(String text, SendHandler handler);
    }
}
