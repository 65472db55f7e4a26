package dev.parley.chat.admin.boundary;

import dev.parley.chat.assistant.boundary.Assistant;
import dev.parley.chat.platform.boundary.Metrics;
import dev.parley.chat.protocol.entity.ErrorCode;
import dev.parley.chat.room.boundary.RoomRegistry;
import dev.parley.chat.usage.boundary.Usage;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The admin page's live figures: this node's meters sampled every five seconds (the last ten
 * minutes kept for its charts), and the assistant's tokens per minute from the usage tally.
 */
@ApplicationScoped
public class Dashboard {

    private static final int KEPT = 120;
    private static final long EVERY_SECONDS = 5;

    @Inject
    Metrics metrics;

    @Inject
    RoomRegistry registry;

    @Inject
    Assistant assistant;

    @EJB
    Usage usage;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Deque<Sample> samples = new ArrayDeque<>();
    private double lastStored = -1;
    private double lastDelivered;
    private long lastAt;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ready) {
        scheduler.scheduleAtFixedRate(this::sample, 0, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    synchronized void sample() {
        long now = System.nanoTime();
        double stored = metrics.value("parley.messages.stored");
        double delivered = metrics.value("parley.deliveries");
        if (lastStored >= 0) {
            double seconds = Math.max(0.001, (now - lastAt) / 1e9);
            samples.addLast(new Sample(
                    Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    registry.connections(),
                    round((stored - lastStored) / seconds),
                    round((delivered - lastDelivered) / seconds),
                    round(metrics.percentileMillis("parley.delivery.latency", 0.99))));
            while (samples.size() > KEPT) {
                samples.removeFirst();
            }
        }
        lastStored = stored;
        lastDelivered = delivered;
        lastAt = now;
    }

    /** Now, the recent samples, and tokens per minute over the last hour. */
    public synchronized View view() {
        Map<String, Long> errors = new TreeMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            long count = (long) metrics.value("parley.frames.refused", "code", code.wireName());
            if (count > 0) {
                errors.put(code.wireName(), count);
            }
        }
        Sample latest = samples.peekLast();
        return new View(
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                registry.connections(),
                registry.activeRooms(),
                latest == null ? 0 : latest.messagesPerSecond(),
                latest == null ? 0 : latest.p99DeliveryMs(),
                (long) metrics.value("parley.messages.stored"),
                (long) metrics.value("parley.connections.closed", "reason", "too_slow"),
                (long) metrics.value("parley.frames.rate.limited"),
                errors,
                assistant.paused(),
                List.copyOf(samples),
                usage.perMinute(Instant.now().minus(1, ChronoUnit.HOURS)));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** One sampling of this node. */
    public record Sample(
            Instant at, int connections, double messagesPerSecond, double deliveriesPerSecond, double p99DeliveryMs) {}

    /** {@code GET /api/admin/dashboard}. */
    public record View(
            Instant at,
            int connections,
            int activeRooms,
            double messagesPerSecond,
            double p99DeliveryMs,
            long messagesStored,
            long slowClientCloses,
            long rateLimitedFrames,
            Map<String, Long> errors,
            boolean assistantPaused,
            List<Sample> samples,
            List<Usage.Minute> tokensPerMinute) {}
}
