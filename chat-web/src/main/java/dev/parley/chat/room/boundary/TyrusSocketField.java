package dev.parley.chat.room.boundary;

import jakarta.websocket.RemoteEndpoint;
import java.lang.reflect.Field;

/** Tyrus's socket behind a session's remote endpoint, for the paths that reach past the standard API. */
final class TyrusSocketField {

    private TyrusSocketField() {}

    /**
     * The accessible {@code TyrusRemoteEndpoint.webSocket} field of this endpoint's class, or null
     * when this is not Tyrus.
     */
    static Field of(RemoteEndpoint.Async async) throws NoSuchFieldException {
        for (Class<?> type = async.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("org.glassfish.tyrus.core.TyrusRemoteEndpoint")) {
                Field webSocket = type.getDeclaredField("webSocket");
                webSocket.setAccessible(true);
                return webSocket;
            }
        }
        return null;
    }
}
