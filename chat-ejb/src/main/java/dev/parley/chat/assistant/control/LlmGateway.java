package dev.parley.chat.assistant.control;

import dev.parley.chat.assistant.entity.CompletionRequest;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The way to the language model. A circuit breaker stops calling a provider that keeps failing
 * (tune it with MicroProfile Fault Tolerance's config keys,
 * {@code dev.parley.chat.assistant.control.LlmGateway/open/CircuitBreaker/...}); never retried,
 * since a retry after tokens were sent would repeat them.
 */
@ApplicationScoped
public class LlmGateway {

    @Inject
    @ConfigProperty(name = "chat.llm.base.url")
    Optional<String> baseUrl;

    @Inject
    @ConfigProperty(name = "chat.llm.api.key")
    Optional<String> apiKey;

    @Inject
    @ConfigProperty(name = "chat.llm.total.timeout", defaultValue = "PT180S")
    Duration totalTimeout;

    private ChatCompletionsClient client;

    @PostConstruct
    void connect() {
        client = baseUrl.map(url -> RestClientBuilder.newBuilder()
                        .baseUri(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url))
                        .connectTimeout(10, TimeUnit.SECONDS)
                        .readTimeout(totalTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .build(ChatCompletionsClient.class))
                .orElse(null);
    }

    public boolean configured() {
        return client != null;
    }

    /** Opens the provider's stream; fails fast while the circuit is open. The caller closes the response. */
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 30_000, successThreshold = 1)
    public Response open(CompletionRequest request) {
        return client.stream(apiKey.map(key -> "Bearer " + key).orElse(null), request);
    }
}
