package dev.parley.chat.room.control;

import dev.parley.chat.identity.entity.Identity;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** One open WebSocket to one room: who it is, and where its frames go. */
public final class Connection {

    private final String id = UUID.randomUUID().toString();
    private final String room;
    private final Identity identity;
    private final Outbox outbox;
    private volatile Future<?> expiry;
    private final AtomicLong lastCursorNanos = new AtomicLong(Long.MIN_VALUE / 2);

    public Connection(String room, Identity identity, Outbox outbox) {
        this.room = room;
        this.identity = identity;
        this.outbox = outbox;
    }

    public void send(OutboundFrame frame) {
        outbox.offer(frame);
    }

    /** True when a cursor frame may go out now, at most one per {@code intervalNanos}. */
    public boolean cursorDue(long nowNanos, long intervalNanos) {
        long last = lastCursorNanos.get();
        return nowNanos - last >= intervalNanos && lastCursorNanos.compareAndSet(last, nowNanos);
    }

    /** The scheduled close at token expiry, cancelled when the connection closes first. */
    public void expiry(Future<?> scheduled) {
        this.expiry = scheduled;
    }

    public void cancelExpiry() {
        Future<?> scheduled = expiry;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    public String id() {
        return id;
    }

    public String room() {
        return room;
    }

    public Identity identity() {
        return identity;
    }

    public Outbox outbox() {
        return outbox;
    }
}
