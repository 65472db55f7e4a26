package dev.parley.chat.room.boundary;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On Payara (Tyrus), {@code RemoteEndpoint.Async.sendText} first re-arms the session's idle timer
 * by scheduling a task on the managed scheduler, which captures the whole EE context: that costs
 * more than the send itself, on every frame of every broadcast. Our sessions have no idle timeout,
 * so this sends through Tyrus's own socket directly, with the same asynchronous completion. On any
 * other WebSocket implementation, or if Tyrus changes its insides, the standard API is used.
 */
final class TyrusFastPath {

    private static final Logger LOG = Logger.getLogger(TyrusFastPath.class.getName());
    /** Per remote endpoint class: found once, or known absent. */
    private static final ClassValue<Optional<Access>> ACCESS = new ClassValue<>() {
        @Override
        protected Optional<Access> computeValue(Class<?> remoteEndpointType) {
            return resolve(remoteEndpointType);
        }
    };

    private TyrusFastPath() {}

    static Optional<SessionSink.TextSender> sender(RemoteEndpoint.Async async) {
        Access resolved = access(async);
        if (resolved == null) {
            return Optional.empty();
        }
        try {
            Object socket = resolved.webSocket().get(async);
            Method sendText = resolved.sendText();
            return Optional.of((text, handler) -> invoke(sendText, socket, text, handler));
        } catch (IllegalAccessException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void invoke(Method sendText, Object socket, String text, SendHandler handler) {
        try {
            sendText.invoke(socket, text, handler);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Access access(RemoteEndpoint.Async async) {
        return ACCESS.get(async.getClass()).orElse(null);
    }

    private static Optional<Access> resolve(Class<?> remoteEndpointType) {
        Access found = null;
        try {
            Field webSocket = TyrusSocketField.of(remoteEndpointType);
            if (webSocket != null) {
                Method sendText = webSocket.getType().getMethod("sendText", String.class, SendHandler.class);
                found = new Access(webSocket, sendText);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "Tyrus fast path unavailable, using the standard WebSocket API: {0}", e.toString());
        }
        return Optional.ofNullable(found);
    }

    private record Access(Field webSocket, Method sendText) {}
}
