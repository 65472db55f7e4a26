package dev.parley.chat.room.control;

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

    private final double perNano;
    private final double burst;
    private double allowance;
    private double grace;
    private long lastNanos;

    public InboundBudget(double perSecond, double burst, long nowNanos) {
        this.perNano = perSecond / 1_000_000_000d;
        this.burst = burst;
        this.allowance = burst;
        this.grace = burst;
        this.lastNanos = nowNanos;
    }

    public synchronized Verdict take(long nowNanos) {
        double refill = Math.max(0, nowNanos - lastNanos) * perNano;
        lastNanos = Math.max(lastNanos, nowNanos);
        allowance = Math.min(burst, allowance + refill);
        grace = Math.min(burst, grace + refill);
        if (allowance >= 1) {
            allowance -= 1;
            return Verdict.ACCEPT;
        }
        if (grace >= 1) {
            grace -= 1;
            return Verdict.REFUSE;
        }
        return Verdict.CLOSE;
    }
}
