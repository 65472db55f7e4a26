package dev.parley.chat.room.boundary;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes a connection from the server the way RFC 6455 describes: send the close frame, and
 * let the peer's answering close frame end the connection, on the thread that reads it.
 *
 * <p>Tyrus's own {@code Session.close} writes the close frame and at once hands the connection
 * back to the servlet container, on the closing thread. The client answers the close frame within
 * microseconds, and on Payara Grizzly 4.0.2 reads that answer on another thread while the first
 * one recycles the connection's HTTP request: a {@code NullPointerException} every few dozen
 * server-side closes in a stress, and the family of races behind a frame once written into
 * another client's HTTP answer (docs/reliability.md). Here the close frame goes out with Tyrus's
 * socket marked as closing, so the peer's answer finishes the close like a close the peer began:
 * one thread. A peer that does not answer within {@link #PEER_ANSWER_SECONDS} is closed the
 * usual way. Anywhere but Tyrus, or if Tyrus changes its insides, nothing happens and the caller
 * closes through the standard API.
 */
final class TyrusGracefulClose {

    private static final Logger LOG = Logger.getLogger(TyrusGracefulClose.class.getName());

    static final int PEER_ANSWER_SECONDS = 5;
    private static final Executor LATER = CompletableFuture.delayedExecutor(PEER_ANSWER_SECONDS, TimeUnit.SECONDS);

    /** A close frame's payload is at most 125 bytes: the code's two, and the reason. */
    private static final int MAX_REASON_BYTES = 123;

    /** Per remote endpoint class: found once, or known absent. */
    private static final ClassValue<Optional<Access>> ACCESS = new ClassValue<>() {
        @Override
        protected Optional<Access> computeValue(Class<?> remoteEndpointType) {
            return resolve(remoteEndpointType);
        }
    };

    private TyrusGracefulClose() {}

    /**
     * Sends the close frame and leaves the rest to the peer's answer; false if this is not Tyrus
     * (the caller closes through the standard API). True, and nothing sent, if the close had begun.
     */
    static boolean begin(Session session, int code, String reason) {
        RemoteEndpoint.Async async = session.getAsyncRemote();
        Access resolved = access(async);
        if (resolved == null) {
            return false;
        }
        try {
            Object socket = resolved.webSocket().get(async);
            @SuppressWarnings("unchecked")
            AtomicReference<Object> state =
                    (AtomicReference<Object>) resolved.state().get(socket);
            if (!state.compareAndSet(resolved.connected(), resolved.closing())) {
                return state.get() != resolved.connected();
            }
            try {
                resolved.sendRawFrame().invoke(socket, closeFrame(code, reason));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.FINE, "the close frame could not be sent", e);
            }
            LATER.execute(() -> closeIfUnanswered(session, state, resolved, code, reason));
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.FINE, "closing through the standard API", e);
            return false;
        }
    }

    /** The peer never answered: hand the socket back to Tyrus's own close. */
    private static void closeIfUnanswered(
            Session session, AtomicReference<Object> state, Access resolved, int code, String reason) {
        if (!state.compareAndSet(resolved.closing(), resolved.connected())) {
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing an unanswered connection failed", e);
        }
    }

    /** An unmasked close frame (servers never mask): FIN + opcode 8, length, code, UTF-8 reason. */
    static ByteBuffer closeFrame(int code, String reason) {
        if (code == 1005 || code == 1006 || code == 1015) {
            code = 1000; // reserved for reports, never sent (RFC 6455 7.4.1)
        }
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MAX_REASON_BYTES);
        while (length > 0 && length < text.length && (text[length] & 0xC0) == 0x80) {
            length--; // never cut a character in half
        }
        ByteBuffer frame = ByteBuffer.allocate(4 + length);
        frame.put((byte) 0x88).put((byte) (2 + length)).putShort((short) code).put(text, 0, length);
        return frame.flip();
    }

    private static Access access(RemoteEndpoint.Async async) {
        return ACCESS.get(async.getClass()).orElse(null);
    }

    private static Optional<Access> resolve(Class<?> remoteEndpointType) {
        Access found = null;
        try {
            Field webSocket = TyrusSocketField.of(remoteEndpointType);
            if (webSocket != null) {
                Class<?> socketType = webSocket.getType();
                Field state = socketType.getDeclaredField("state");
                state.setAccessible(true);
                Class<?> stateType = Class.forName(socketType.getName() + "$State", false, socketType.getClassLoader());
                Method sendRawFrame = socketType.getMethod("sendRawFrame", ByteBuffer.class);
                found = new Access(
                        webSocket,
                        state,
                        constant(stateType, "CONNECTED"),
                        constant(stateType, "CLOSING"),
                        sendRawFrame);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "server-side closes use the standard WebSocket API: {0}", e.toString());
        }
        return Optional.ofNullable(found);
    }

    private static Object constant(Class<?> enumType, String name) {
        for (Object value : enumType.getEnumConstants()) {
            if (((Enum<?>) value).name().equals(name)) {
                return value;
            }
        }
        throw new IllegalStateException("no " + name + " in " + enumType.getName());
    }

    private record Access(Field webSocket, Field state, Object connected, Object closing, Method sendRawFrame) {}
}
