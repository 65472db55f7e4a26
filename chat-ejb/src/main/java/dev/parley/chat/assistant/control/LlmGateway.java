package dev.parley.chat.assistant.control;

import dev.parley.chat.assistant.entity.CompletionRequest;
import dev.parley.chat.provider.control.LlmProvider;
import dev.parley.chat.provider.control.LlmProviders;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The way to the language models: one REST client per configured provider. A circuit breaker
 * stops calling providers that keep failing (tune it with MicroProfile Fault Tolerance's config
 * keys, {@code dev.parley.chat.assistant.control.LlmGateway/open/CircuitBreaker/...}; it is one
 * breaker for all providers, as Fault Tolerance keeps one per method); never retried, since a
 * retry after tokens were sent would repeat them.
 */
@ApplicationScoped
public class LlmGateway {

    @Inject
    LlmProviders providers;

    @Inject
    @ConfigProperty(name = "chat.llm.total.timeout", defaultValue = "PT180S")
    Duration totalTimeout;

    private final Map<String, Client> clients = new HashMap<>();

    @PostConstruct
    void connect() {
        for (LlmProvider provider : providers.all()) {
            String url = provider.baseUrl();
            ChatCompletionsClient client = RestClientBuilder.newBuilder()
                    .baseUri(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url))
                    .connectTimeout(10, TimeUnit.SECONDS)
                    .readTimeout(totalTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .build(ChatCompletionsClient.class);
            clients.put(
                    provider.name(),
                    new Client(
                            client,
                            provider.apiKey().map(key -> "Bearer " + key).orElse(null)));
        }
    }

    /** Whether the default provider (CHAT_LLM_BASE_URL) is configured. */
    public boolean configured() {
        return configured(LlmProviders.DEFAULT);
    }

    public boolean configured(String provider) {
        return clients.containsKey(provider);
    }

    /** Opens a provider's stream; fails fast while the circuit is open. The caller closes the response. */
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 30_000, successThreshold = 1)
    public Response open(String provider, CompletionRequest request) {
        Client client = clients.get(provider);
        if (client == null) {
            throw new IllegalStateException("no LLM provider '" + provider + "' is configured");
        }
        return client.client().stream(client.authorization(), request);
    }

    private record Client(ChatCompletionsClient client, String authorization) {}
}
