package dev.parley.chat.room.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's queue of frames, sent one at a time without blocking the caller. A client that
 * lets more than {@code limit} frames pile up is closed (1013) instead of stalling its room; it can
 * come back and resume with {@code since}. Until {@link #open} is called the outbox only holds
 * frames, so that the welcome and history go out first.
 */
public final class Outbox {

    /** WebSocket close code 1013, "try again later". */
    public static final int TOO_SLOW = 1013;

    private final FrameSink sink;
    private final int limit;
    private final Queue<OutboundFrame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Object openingLock = new Object();
    private volatile boolean holding = true;
    private volatile boolean closed;
    private volatile CloseRequest closeWhenDrained;
    private volatile Runnable whenBroken = () -> {};
    private volatile Runnable whenTooSlow = () -> {};

    public Outbox(FrameSink sink, int limit) {
        this.sink = sink;
        this.limit = limit;
    }

    /** What to do when a write fails: the peer is gone even if nobody said so. */
    public void whenBroken(Runnable action) {
        this.whenBroken = action;
    }

    /** What to do when the client is closed for falling {@code limit} frames behind. */
    public void whenTooSlow(Runnable action) {
        this.whenTooSlow = action;
    }

    /** Pings the peer; a failed ping counts as a broken connection. */
    public void ping() {
        if (closed) {
            return;
        }
        sink.ping(written -> {
            if (!written) {
                broken();
            }
        });
    }

    private void broken() {
        closed = true;
        queue.clear();
        whenBroken.run();
        sink.close(GOING_AWAY, "connection broken");
    }

    /** WebSocket close code 1001. */
    private static final int GOING_AWAY = 1001;

    public void offer(OutboundFrame frame) {
        if (closed) {
            return;
        }
        if (size.incrementAndGet() > limit) {
            if (!closed) {
                whenTooSlow.run();
            }
            close(TOO_SLOW, "client too slow to keep up; reconnect with since to resume");
            return;
        }
        if (holding) {
            synchronized (openingLock) {
                if (holding) {
                    queue.add(frame);
                    return;
                }
            }
        }
        queue.add(frame);
        pump();
    }

    /**
     * Sends {@code first} ahead of everything held so far, drops held frames the history covered
     * (messages up to {@code coveredSeq}, deltas up to {@code coveredDelta} of the reply streaming
     * now), and from then on sends as frames arrive.
     */
    public void open(List<OutboundFrame> first, long coveredSeq, long coveredDelta) {
        synchronized (openingLock) {
            List<OutboundFrame> held = new ArrayList<>();
            OutboundFrame frame;
            while ((frame = queue.poll()) != null) {
                held.add(frame);
            }
            size.addAndGet(first.size() - held.size());
            queue.addAll(first);
            for (OutboundFrame heldFrame : held) {
                if (!heldFrame.coveredBy(coveredSeq, coveredDelta)) {
                    queue.add(heldFrame);
                    size.incrementAndGet();
                }
            }
            holding = false;
        }
        pump();
    }

    public void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        sink.close(code, reason);
    }

    /** Closes once every frame queued so far has been written. */
    public void closeAfterPending(int code, String reason) {
        closeWhenDrained = new CloseRequest(code, reason);
        pump();
    }

    public boolean isClosed() {
        return closed;
    }

    public int pending() {
        return size.get();
    }

    private record CloseRequest(int code, String reason) {}

    private void pump() {
        while (!closed && !holding) {
            if (!sending.compareAndSet(false, true)) {
                return;
            }
            OutboundFrame next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    CloseRequest request = closeWhenDrained;
                    if (request != null) {
                        close(request.code(), request.reason());
                    }
                    return;
                }
                continue;
            }
            size.decrementAndGet();
            // 0: in flight, 1: send() returned first (the callback pumps), 2: completed inside send() (we loop)
            AtomicInteger phase = new AtomicInteger();
            sink.send(next.json(), written -> {
                if (!written && !closed) {
                    broken();
                }
                sending.set(false);
                if (phase.getAndSet(2) == 1) {
                    pump();
                }
            });
            if (phase.compareAndSet(0, 1)) {
                return;
            }
        }
    }
}
