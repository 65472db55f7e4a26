package dev.parley.chat.room.boundary;

import dev.parley.chat.room.control.FrameSink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link FrameSink} over a JSR-356 session: asynchronous sends, closes with a code and reason.
 *
 * <p>No byte is written once the connection's close has begun. Tyrus writes a frame into the
 * servlet output stream on the sending thread, and nothing in Tyrus orders that write against the
 * container closing the connection; Payara's Grizzly then recycles the stream for the next HTTP
 * request, and a late write lands in somebody else's answer. So every send counts itself in while
 * it runs, and {@link #closing()} (called when the close begins, before the container is told)
 * shuts the door and waits for the sends already inside.
 */
final class SessionSink implements FrameSink {

    private static final Logger LOG = Logger.getLogger(SessionSink.class.getName());
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** The sink whose send this thread is inside: a close begun from a send's own callback must not wait for itself. */
    private static final ThreadLocal<SessionSink> SENDING = new ThreadLocal<>();

    private final Session session;
    private final TextSender sender;
    private final AtomicInteger sendsInside = new AtomicInteger();
    private volatile boolean closing;
    private volatile boolean upgrading = true;
    /** A write or ping failed: the peer is gone, and will not answer a close frame. */
    private volatile boolean broken;

    SessionSink(Session session) {
        this.session = session;
        RemoteEndpoint.Async async = session.getAsyncRemote();
        this.sender = TyrusFastPath.sender(async).orElse(async::sendText);
    }

    @Override
    public void send(String text, Consumer<Boolean> done) {
        sendsInside.incrementAndGet();
        SessionSink outer = SENDING.get();
        SENDING.set(this);
        try {
            if (closing || !session.isOpen()) {
                done.accept(false);
                return;
            }
            sender.send(text, result -> {
                if (!result.isOK()) {
                    broken = true;
                }
                done.accept(result.isOK());
            });
        } catch (RuntimeException e) {
            broken = true;
            done.accept(false);
        } finally {
            SENDING.set(outer);
            sendsInside.decrementAndGet();
        }
    }

    @Override
    public void ping(Consumer<Boolean> done) {
        sendsInside.incrementAndGet();
        SessionSink outer = SENDING.get();
        SENDING.set(this);
        try {
            if (closing || !session.isOpen()) {
                done.accept(true); // closing anyway: not a broken peer
                return;
            }
            session.getAsyncRemote().sendPing(PING);
            done.accept(true);
        } catch (IOException e) {
            broken = true;
            done.accept(false); // the peer is gone
        } catch (RuntimeException e) {
            // e.g. the session closed meanwhile: inconclusive, the next round will tell
            LOG.log(Level.FINE, "a heartbeat ping failed", e);
            done.accept(true);
        } finally {
            SENDING.set(outer);
            sendsInside.decrementAndGet();
        }
    }

    private static final java.nio.ByteBuffer PING = java.nio.ByteBuffer.allocate(0);

    /** The endpoint's {@code @OnOpen} has returned: a close from now on goes out at once. */
    void upgraded() {
        upgrading = false;
    }

    /**
     * Closes the connection; during {@code @OnOpen} (a refusal: a ban, a closed room, too many
     * connections) a moment later, once the container's upgrade has finished with its request. On
     * Payara {@code @OnOpen} runs inside the upgrade request's own processing, and a close there
     * (and the client's close frame read back on another thread) races Grizzly 4.0.2's recycling
     * of that request (docs/reliability.md). Nothing is sent meanwhile: {@link #closing()} has
     * shut the door.
     */
    @Override
    public void close(int code, String reason) {
        closing();
        if (upgrading) {
            AFTER_THE_UPGRADE.execute(() -> closeNow(code, reason));
            return;
        }
        closeNow(code, reason);
    }

    private static final java.util.concurrent.Executor AFTER_THE_UPGRADE =
            java.util.concurrent.CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS);

    private void closeNow(int code, String reason) {
        if (!broken && TyrusGracefulClose.begin(session, code, reason)) {
            return;
        }
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing a session failed", e);
        }
    }

    /**
     * The close has begun: no send starts from now on, and the sends under way have finished
     * writing when this returns (bounded, in case a send is stuck or this thread is one of them).
     */
    void closing() {
        closing = true;
        int mine = SENDING.get() == this ? 1 : 0; // e.g. a failed write that closes the connection
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        while (sendsInside.get() > mine && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Sends one text frame and reports to the handler. */
    @FunctionalInterface
    interface TextSender {
        void send(String text, SendHandler handler);
    }
}
