package dev.parley.chat.message.control;

import dev.parley.chat.platform.control.TokenBucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Message rate per user, across all of the user's connections on this node. */
@ApplicationScoped
public class SenderRateLimits {

    private static final int SWEEP_EVERY = 4096;

    @Inject
    @ConfigProperty(name = "chat.rate.per.second", defaultValue = "10")
    double ratePerSecond;

    @Inject
    @ConfigProperty(name = "chat.rate.burst", defaultValue = "20")
    double burst;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    public boolean tryAcquire(String userId) {
        long now = System.nanoTime();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(userId, id -> new TokenBucket(ratePerSecond, burst, now))
                .tryTake(now);
    }
}
