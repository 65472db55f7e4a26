package dev.parley.chat.room.control;

/**
 * Which typing frames of one connection are worth relaying: only changes, and a "typing" at most
 * once per interval. A "stopped" after a relayed "typing" always goes out, so nobody is left
 * looking at a typing indicator that is no longer true. At most two relays per interval.
 */
public final class TypingRelay {

    private boolean relayedTyping;
    private long lastTypingNanos;
    private boolean everRelayed;

    public synchronized boolean shouldRelay(boolean typing, long nowNanos, long intervalNanos) {
        if (!typing) {
            if (!relayedTyping) {
                return false;
            }
            relayedTyping = false;
            return true;
        }
        if (relayedTyping || everRelayed && nowNanos - lastTypingNanos < intervalNanos) {
            return false;
        }
        relayedTyping = true;
        everRelayed = true;
        lastTypingNanos = nowNanos;
        return true;
    }
}
