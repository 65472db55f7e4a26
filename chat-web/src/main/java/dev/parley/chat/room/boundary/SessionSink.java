package dev.parley.chat.room.boundary;

import dev.parley.chat.room.control.FrameSink;
import dev.parley.chat.room.control.OutboundFrame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
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
    private final RemoteEndpoint.Async async;
    /** Present on Tyrus without extensions: every batch in one raw write. */
    private final TyrusFastPath.WireWriter wire;

    private final AtomicInteger sendsInside = new AtomicInteger();
    private volatile boolean closing;

    SessionSink(Session session) {
        this.session = session;
        this.async = session.getAsyncRemote();
        List<Extension> extensions = session.getNegotiatedExtensions();
        // an extension (e.g. permessage-deflate) transforms frames: those go through Tyrus
        this.wire = extensions == null || extensions.isEmpty()
                ? TyrusFastPath.writer(async).orElse(null)
                : null;
    }

    @Override
    public void send(List<OutboundFrame> frames, Consumer<Boolean> done) {
        if (wire != null) {
            guarded(done, () -> wire.write(TextFrames.of(frames), result -> done.accept(result.isOK())));
        } else {
            sendEach(frames, 0, done);
        }
    }

    /** The standard API: one frame after the other, each once the one before was written. */
    private void sendEach(List<OutboundFrame> frames, int index, Consumer<Boolean> done) {
        if (index == frames.size()) {
            done.accept(true);
            return;
        }
        guarded(
                done,
                () -> async.sendText(frames.get(index).json(), result -> {
                    if (result.isOK()) {
                        sendEach(frames, index + 1, done);
                    } else {
                        done.accept(false);
                    }
                }));
    }

    /** Runs a write unless the close has begun, counted in while it runs. */
    private void guarded(Consumer<Boolean> done, Runnable write) {
        sendsInside.incrementAndGet();
        SessionSink outer = SENDING.get();
        SENDING.set(this);
        try {
            if (closing || !session.isOpen()) {
                done.accept(false);
                return;
            }
            write.run();
        } catch (RuntimeException e) {
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

    @Override
    public void close(int code, String reason) {
        closing();
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
}
