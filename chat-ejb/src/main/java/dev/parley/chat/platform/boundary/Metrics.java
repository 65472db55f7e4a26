package dev.parley.chat.platform.boundary;

import dev.parley.chat.platform.control.ConnectionUse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The application's metrics, in one Micrometer registry bundled with the app, so that
 * {@code /metrics} reads the same on Payara and on WildFly (which has no MicroProfile Metrics).
 * Features register their own meters here; names start with {@code parley.} and come out as
 * {@code parley_…} in Prometheus text. No meter is tagged by room or user: unbounded label sets
 * would swamp Prometheus, and names of rooms are not the scraper's business.
 */
@ApplicationScoped
public class Metrics {

    /** Bucket bounds of every latency histogram (Prometheus needs buckets to aggregate nodes). */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30)
    };

    private PrometheusMeterRegistry registry;
    private JvmGcMetrics gc;

    /** A started registry outside the container (unit tests, tools). */
    public static Metrics standalone() {
        Metrics metrics = new Metrics();
        metrics.start();
        return metrics;
    }

    @PostConstruct
    void start() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        ConnectionUse.bindTo(registry, LATENCY_BUCKETS);
    }

    @PreDestroy
    void stop() {
        gc.close();
        registry.close();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Everything in Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** A latency timer with fixed histogram buckets from 1 ms to 30 s. */
    public Timer latency(String name, String description, String... tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    /** A latency timer that also keeps a rolling p50 and p99 (about the last minute) for dashboards. */
    public Timer latencyWithPercentiles(String name, String description, String... tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
    }

    /** The value of a counter or gauge (summed over its tags), or 0 if it is not registered. */
    public double value(String name) {
        double sum = 0;
        for (var meter : registry.find(name).meters()) {
            for (var measurement : meter.measure()) {
                if (measurement.getStatistic() == io.micrometer.core.instrument.Statistic.COUNT
                        || measurement.getStatistic() == io.micrometer.core.instrument.Statistic.VALUE) {
                    sum += measurement.getValue();
                }
            }
        }
        return sum;
    }

    /** The value of a counter or gauge with one tag, or 0. */
    public double value(String name, String tag, String tagValue) {
        double sum = 0;
        for (var meter : registry.find(name).tag(tag, tagValue).meters()) {
            for (var measurement : meter.measure()) {
                sum += measurement.getStatistic() == io.micrometer.core.instrument.Statistic.COUNT
                                || measurement.getStatistic() == io.micrometer.core.instrument.Statistic.VALUE
                        ? measurement.getValue()
                        : 0;
            }
        }
        return sum;
    }

    /** A timer's rolling percentile in milliseconds, or 0 when it has none. */
    public double percentileMillis(String name, double percentile) {
        Timer timer = registry.find(name).timer();
        if (timer == null) {
            return 0;
        }
        for (var value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        return 0;
    }

    public DistributionSummary summary(String name, String description, double... buckets) {
        return DistributionSummary.builder(name)
                .description(description)
                .serviceLevelObjectives(buckets)
                .register(registry);
    }
}
