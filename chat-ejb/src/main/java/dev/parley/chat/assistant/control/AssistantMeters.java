package dev.parley.chat.assistant.control;

import dev.parley.chat.message.entity.Status;
import dev.parley.chat.platform.boundary.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The assistant's meters, tagged by model: replies by outcome, tokens, latencies, the circuit. */
public final class AssistantMeters {

    private final Metrics metrics;
    private final String model;
    private final Map<Status, Counter> replies = new ConcurrentHashMap<>();
    private final Counter promptTokens;
    private final Counter completionTokens;
    private final Timer firstToken;
    private final Timer duration;
    private final Counter circuitRejections;
    private final AtomicInteger circuitOpen = new AtomicInteger();

    public AssistantMeters(Metrics metrics, String model) {
        this.metrics = metrics;
        this.model = model;
        String tokens = "Tokens the assistant's provider counted (or the server estimated), by kind";
        promptTokens = metrics.counter("parley.assistant.tokens", tokens, "model", model, "kind", "prompt");
        completionTokens = metrics.counter("parley.assistant.tokens", tokens, "model", model, "kind", "completion");
        firstToken = metrics.latency(
                "parley.assistant.first.token", "From a reply's start to its provider's first text", "model", model);
        duration = metrics.latency("parley.assistant.duration", "A reply from start to end", "model", model);
        circuitRejections = metrics.counter(
                "parley.assistant.circuit.rejections",
                "Replies failed at once because the provider's circuit breaker was open",
                "model",
                model);
        for (Status ending : new Status[] {Status.COMPLETE, Status.STOPPED, Status.FAILED}) {
            replies(ending); // on /metrics from the start, at 0
        }
        Gauge.builder("parley.assistant.circuit.open", circuitOpen, AtomicInteger::get)
                .description("1 while the last call found the provider's circuit breaker open")
                .tags("model", model)
                .register(metrics.registry());
    }

    /** A reply ended; failures count as replies with {@code status="failed"}. */
    public void finished(Status status, long prompt, long completion, long elapsedMillis) {
        replies(status).increment();
        promptTokens.increment(prompt);
        completionTokens.increment(completion);
        duration.record(elapsedMillis, TimeUnit.MILLISECONDS);
    }

    private Counter replies(Status status) {
        return replies.computeIfAbsent(
                status,
                s -> metrics.counter(
                        "parley.assistant.replies",
                        "Assistant replies, by how they ended",
                        "model",
                        model,
                        "status",
                        s.wireName()));
    }

    public void firstToken(long elapsedMillis) {
        firstToken.record(elapsedMillis, TimeUnit.MILLISECONDS);
    }

    public void circuitOpen() {
        circuitOpen.set(1);
        circuitRejections.increment();
    }

    public void circuitClosed() {
        circuitOpen.set(0);
    }

    public boolean isCircuitOpen() {
        return circuitOpen.get() == 1;
    }
}
