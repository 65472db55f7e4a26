package dev.parley.chat.room.control;

import dev.parley.chat.platform.control.TokenBucket;

/**
 * How many frames one connection may send: {@code perSecond} on average with bursts of {@code
 * burst}. A frame over the budget is refused; a client that goes on sending past it, by more than
 * another burst's worth (which also refills at {@code perSecond}), is told to go away. Thread-safe.
 */
public final class InboundBudget {

    /** What to do with one inbound frame. */
    public enum Verdict {
        ACCEPT,
        REFUSE,
        CLOSE
    }

    private final TokenBucket allowance;
    private final TokenBucket grace;

    public InboundBudget(double perSecond, double burst, long nowNanos) {
        this.allowance = new TokenBucket(perSecond, burst, nowNanos);
        this.grace = new TokenBucket(perSecond, burst, nowNanos);
    }

    public synchronized Verdict take(long nowNanos) {
        if (allowance.tryTake(nowNanos)) {
            return Verdict.ACCEPT;
        }
        return grace.tryTake(nowNanos) ? Verdict.REFUSE : Verdict.CLOSE;
    }
}
