package dev.parley.chat.room.control;

import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.message.control.Submission;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One open WebSocket to one room: who it is, and where its frames go. */
public final class Connection implements Submission.Origin {

    private final String id = UUID.randomUUID().toString();
    private final String room;
    private final Identity identity;
    private final Outbox outbox;
    private final AtomicBoolean expired = new AtomicBoolean();
    private final AtomicLong lastCursorNanos = new AtomicLong(Long.MIN_VALUE / 2);
    private final InboundBudget inbound;
    private final TypingRelay typing = new TypingRelay();

    public Connection(String room, Identity identity, Outbox outbox, InboundBudget inbound) {
        this.room = room;
        this.identity = identity;
        this.outbox = outbox;
        this.inbound = inbound;
    }

    public void send(OutboundFrame frame) {
        outbox.offer(frame);
    }

    @Override
    public void reply(String frame) {
        send(OutboundFrame.of(frame));
    }

    /** True when a cursor frame may go out now, at most one per {@code intervalNanos}. */
    public boolean cursorDue(long nowNanos, long intervalNanos) {
        long last = lastCursorNanos.get();
        return nowNanos - last >= intervalNanos && lastCursorNanos.compareAndSet(last, nowNanos);
    }

    /** Whether this connection may send one more frame now. */
    public InboundBudget.Verdict takeInbound(long nowNanos) {
        return inbound.take(nowNanos);
    }

    /** True when this typing state is news worth relaying to the room. */
    public boolean typingDue(boolean typingNow, long nowNanos, long intervalNanos) {
        return typing.shouldRelay(typingNow, nowNanos, intervalNanos);
    }

    /** True once, when the connection's token has expired at {@code now}: it is then closed. */
    public boolean expiresNow(Instant now) {
        Instant expiresAt = identity.expiresAt();
        return expiresAt != null && !now.isBefore(expiresAt) && expired.compareAndSet(false, true);
    }

    @Override
    public String id() {
        return id;
    }

    public String room() {
        return room;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    public Outbox outbox() {
        return outbox;
    }
}
