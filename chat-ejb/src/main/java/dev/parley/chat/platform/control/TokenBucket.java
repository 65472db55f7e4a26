package dev.parley.chat.platform.control;

/** A token bucket: {@code ratePerSecond} tokens flow in, at most {@code burst} are kept. Thread-safe. */
public final class TokenBucket {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastRefill;

    public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefill = nowNanos;
    }

    public synchronized boolean tryTake(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastRefill);
        tokens = Math.min(burst, tokens + elapsed * ratePerNano);
        lastRefill = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    public synchronized boolean isFull(long nowNanos) {
        return tokens + Math.max(0, nowNanos - lastRefill) * ratePerNano >= burst;
    }
}
