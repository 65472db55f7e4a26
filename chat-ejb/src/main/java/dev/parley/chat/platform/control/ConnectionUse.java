package dev.parley.chat.platform.control;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * How the app uses the server's database pool, counted where Hibernate takes and gives back
 * connections ({@link MeteredConnectionProvider}), so that the figures read the same on Payara and
 * WildFly, whose pools each report only through their own monitoring. Static because Hibernate,
 * not CDI, creates the provider; one deployment has one of these.
 */
public final class ConnectionUse {

    private static final AtomicInteger IN_USE = new AtomicInteger();
    private static final LongAdder FAILURES = new LongAdder();
    private static volatile Timer acquisitions;

    private ConnectionUse() {}

    /** Registers {@code parley_db_connections_in_use}, {@code _acquire_seconds} and {@code _failures_total}. */
    public static void bindTo(MeterRegistry registry, Duration... buckets) {
        Gauge.builder("parley.db.connections.in.use", IN_USE, AtomicInteger::get)
                .description("database connections the app holds from the server's pool now")
                .register(registry);
        FunctionCounter.builder("parley.db.connection.failures", FAILURES, LongAdder::sum)
                .description("requests for a pooled connection that failed (pool exhausted, database gone)")
                .register(registry);
        acquisitions = Timer.builder("parley.db.connection.acquire")
                .description("time to get a connection from the pool (waiting means the pool is too small)")
                .serviceLevelObjectives(buckets)
                .register(registry);
    }

    static void acquired(long nanos) {
        IN_USE.incrementAndGet();
        Timer timer = acquisitions;
        if (timer != null) {
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    static void failed() {
        FAILURES.increment();
    }

    static void released() {
        IN_USE.decrementAndGet();
    }
}
