package dev.parley.chat.room.boundary;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On Payara (Tyrus), writes frames that are already framed ({@link TextFrames}) through the
 * connection's own Tyrus protocol handler, the way Tyrus's own broadcast writes its raw frames, but
 * with the asynchronous completion of {@code sendText}. Two things are saved on every delivery:
 * {@code RemoteEndpoint.Async.sendText} re-arms the session's idle timer by scheduling a task on
 * the managed scheduler (which captures the whole EE context), and Tyrus encodes and frames the
 * text again for every receiver, one socket write per frame; here a broadcast is encoded once and
 * what queued up for a connection goes out in one write. On any other WebSocket implementation,
 * or if Tyrus changes its insides, the standard API is used.
 */
final class TyrusFastPath {

    private static final Logger LOG = Logger.getLogger(TyrusFastPath.class.getName());
    private static final String REMOTE_ENDPOINT = "org.glassfish.tyrus.core.TyrusRemoteEndpoint";
    private static final String COMPLETION_HANDLER = "org.glassfish.tyrus.spi.CompletionHandler";
    private static volatile Access access;

    private TyrusFastPath() {}

    /** Writes a buffer of complete frames and reports to the handler. */
    @FunctionalInterface
    interface WireWriter {
        void write(ByteBuffer frames, SendHandler handler);
    }

    static Optional<WireWriter> writer(RemoteEndpoint.Async async) {
        Access resolved = access(async);
        if (resolved == null) {
            return Optional.empty();
        }
        try {
            Object protocolHandler =
                    resolved.protocolHandler().get(resolved.webSocket().get(async));
            Lock lock = (Lock) resolved.lock().get(protocolHandler);
            return Optional.of((frames, handler) -> write(resolved, protocolHandler, lock, frames, handler));
        } catch (IllegalAccessException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void write(
            Access access, Object protocolHandler, Lock lock, ByteBuffer frames, SendHandler handler) {
        lock.lock(); // what Tyrus's own sends hold: no other data frame goes out in between
        try {
            Object completion = access.completion().newInstance(protocolHandler, handler);
            access.send().invoke(protocolHandler, frames, completion, access.writerInfo(), Boolean.TRUE);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    private static Access access(RemoteEndpoint.Async async) {
        Access current = access;
        if (current != null) {
            return current.usable() ? current : null;
        }
        Access found = Access.NONE;
        try {
            found = resolve(async.getClass()).orElse(Access.NONE);
            if (found.usable()) {
                LOG.info("WebSocket frames are framed once per broadcast and written through Tyrus directly");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "Tyrus fast path unavailable, using the standard WebSocket API: {0}", e.toString());
        }
        access = found;
        return found.usable() ? found : null;
    }

    private static Optional<Access> resolve(Class<?> asyncType) throws ReflectiveOperationException {
        Class<?> remoteEndpoint = asyncType;
        while (remoteEndpoint != null && !remoteEndpoint.getName().equals(REMOTE_ENDPOINT)) {
            remoteEndpoint = remoteEndpoint.getSuperclass();
        }
        if (remoteEndpoint == null) {
            return Optional.empty(); // not Tyrus
        }
        Field webSocket = accessible(remoteEndpoint.getDeclaredField("webSocket"));
        Field protocolHandler = accessible(webSocket.getType().getDeclaredField("protocolHandler"));
        Class<?> handlerType = protocolHandler.getType();
        Field lock = accessible(handlerType.getDeclaredField("lock"));
        Field nullInfo = accessible(handlerType.getDeclaredField("NULL_INFO"));
        if (!Lock.class.isAssignableFrom(lock.getType()) || !Modifier.isStatic(nullInfo.getModifiers())) {
            throw new NoSuchFieldException("ProtocolHandler.lock or NULL_INFO changed");
        }
        Method send = null;
        for (Method method : handlerType.getDeclaredMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (method.getName().equals("send")
                    && parameters.length == 4
                    && parameters[0] == ByteBuffer.class
                    && parameters[1].getName().equals(COMPLETION_HANDLER)
                    && parameters[3] == Boolean.class) {
                send = accessible(method);
            }
        }
        if (send == null) {
            throw new NoSuchMethodException("ProtocolHandler.send(ByteBuffer, CompletionHandler, WriterInfo, Boolean)");
        }
        return Optional.of(new Access(
                webSocket, protocolHandler, lock, send, nullInfo.get(null), sendHandlerCompletion(handlerType)));
    }

    /** Tyrus's own adapter from {@code SendHandler} to its completion handler (an anonymous class). */
    private static Constructor<?> sendHandlerCompletion(Class<?> handlerType) throws ClassNotFoundException {
        for (int i = 1; i <= 20; i++) {
            Class<?> candidate;
            try {
                candidate = Class.forName(handlerType.getName() + "$" + i, false, handlerType.getClassLoader());
            } catch (ClassNotFoundException e) {
                break;
            }
            if (candidate.getSuperclass() == null
                    || !candidate.getSuperclass().getName().equals(COMPLETION_HANDLER)) {
                continue;
            }
            for (Constructor<?> constructor : candidate.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 2 && parameters[0] == handlerType && parameters[1] == SendHandler.class) {
                    constructor.setAccessible(true);
                    return constructor;
                }
            }
        }
        throw new ClassNotFoundException("Tyrus's SendHandler completion adapter");
    }

    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }

    private record Access(
            Field webSocket,
            Field protocolHandler,
            Field lock,
            Method send,
            Object writerInfo,
            Constructor<?> completion) {
        static final Access NONE = new Access(null, null, null, null, null, null);

        boolean usable() {
            return webSocket != null;
        }
    }
}
