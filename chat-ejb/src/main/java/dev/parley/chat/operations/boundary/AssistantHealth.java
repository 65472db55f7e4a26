package dev.parley.chat.operations.boundary;

import dev.parley.chat.assistant.boundary.Assistant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The assistant's provider as readiness data. Always UP: chat goes on without the assistant, so a
 * failing provider must not take the node out of its load balancer; the data says what is wrong.
 */
@ApplicationScoped
public class AssistantHealth {

    @Inject
    Assistant assistant;

    @Produces
    @Readiness
    HealthCheck assistantProvider() {
        return () -> {
            var response = HealthCheckResponse.named("assistant")
                    .up()
                    .withData("configured", assistant.providerConfigured())
                    .withData("model", assistant.model())
                    .withData("paused", assistant.paused())
                    .withData("circuitBreaker", assistant.circuitOpen() ? "open" : "closed");
            if (!assistant.providerConfigured()) {
                response.withData("problem", "no provider is configured (CHAT_LLM_BASE_URL): mentions get a notice");
            } else if (assistant.circuitOpen()) {
                response.withData(
                        "problem", "the provider failed repeatedly: calls are refused for 30 s, then tried again");
            } else if (assistant.paused()) {
                response.withData("problem", "an operator paused the assistant");
            }
            return response.build();
        };
    }
}
