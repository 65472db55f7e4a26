package dev.parley.chat.assistant.control;

import dev.parley.chat.assistant.entity.CompletionRequest;
import dev.parley.chat.provider.control.LlmProvider;
import dev.parley.chat.provider.control.LlmProviders;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The way to the language models: one REST client and one circuit breaker per configured
 * provider, so that a provider that keeps failing is left alone for a while without holding back
 * the others. The breakers read the keys MicroProfile Fault Tolerance would
 * ({@code dev.parley.chat.assistant.control.LlmGateway/open/CircuitBreaker/requestVolumeThreshold},
 * {@code failureRatio}, {@code delay} in ms, {@code successThreshold}). Never retried, since a
 * retry after tokens were sent would repeat them.
 */
@ApplicationScoped
public class LlmGateway {

    private static final String BREAKER_KEYS = LlmGateway.class.getName() + "/open/CircuitBreaker/";

    @Inject
    LlmProviders providers;

    @Inject
    @ConfigProperty(name = "chat.llm.total.timeout", defaultValue = "PT180S")
    Duration totalTimeout;

    private final Map<String, Client> clients = new HashMap<>();

    @PostConstruct
    void connect() {
        CircuitBreakerConfig breakers = breakerConfig(ConfigProvider.getConfig());
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
                            provider.apiKey().map(key -> "Bearer " + key).orElse(null),
                            CircuitBreaker.of(provider.name(), breakers)));
        }
    }

    /** Whether the default provider (CHAT_LLM_BASE_URL) is configured. */
    public boolean configured() {
        return configured(LlmProviders.DEFAULT);
    }

    public boolean configured(String provider) {
        return clients.containsKey(provider);
    }

    /**
     * Opens a provider's stream; the caller closes the response. Fails fast with
     * {@link ProviderUnavailableException} while that provider's circuit is open.
     */
    public Response open(String provider, CompletionRequest request) {
        Client client = clients.get(provider);
        if (client == null) {
            throw new IllegalStateException("no LLM provider '" + provider + "' is configured");
        }
        try {
            return client.breaker().executeSupplier(() -> client.client().stream(client.authorization(), request));
        } catch (CallNotPermittedException open) {
            throw new ProviderUnavailableException(provider);
        }
    }

    /** A rolling window of the last {@code requestVolumeThreshold} calls, as Fault Tolerance counts them. */
    static CircuitBreakerConfig breakerConfig(Config config) {
        int window = config.getOptionalValue(BREAKER_KEYS + "requestVolumeThreshold", Integer.class)
                .orElse(8);
        double failureRatio = config.getOptionalValue(BREAKER_KEYS + "failureRatio", Double.class)
                .orElse(0.75);
        long delayMillis =
                config.getOptionalValue(BREAKER_KEYS + "delay", Long.class).orElse(30_000L);
        int successThreshold = config.getOptionalValue(BREAKER_KEYS + "successThreshold", Integer.class)
                .orElse(1);
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window)
                .minimumNumberOfCalls(window)
                .failureRateThreshold((float) (failureRatio * 100))
                .waitDurationInOpenState(Duration.ofMillis(delayMillis))
                .permittedNumberOfCallsInHalfOpenState(successThreshold)
                .build();
    }

    private record Client(ChatCompletionsClient client, String authorization, CircuitBreaker breaker) {}
}
