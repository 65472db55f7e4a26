package dev.parley.chat.room.boundary;

import java.lang.reflect.Field;

/** Tyrus's socket behind a session's remote endpoint, for the paths that reach past the standard API. */
final class TyrusSocketField {

    private TyrusSocketField() {}

    /**
     * The accessible {@code TyrusRemoteEndpoint.webSocket} field of this remote endpoint class, or
     * null when it is not Tyrus's.
     */
    static Field of(Class<?> remoteEndpointType) throws NoSuchFieldException {
        for (Class<?> type = remoteEndpointType; type != null; type = type.getSuperclass()) {
            if (type.getName().equals("org.glassfish.tyrus.core.TyrusRemoteEndpoint")) {
                Field webSocket = type.getDeclaredField("webSocket");
                webSocket.setAccessible(true);
                return webSocket;
            }
        }
        return null;
    }
}
