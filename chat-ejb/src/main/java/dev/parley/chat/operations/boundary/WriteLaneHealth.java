package dev.parley.chat.operations.boundary;

import dev.parley.chat.message.control.WriteLanes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The write path: alive while every write lane's thread runs (a dead lane never stores again: only
 * a restart helps); ready while the messages waiting to be stored stay under
 * {@code chat.health.backlog.max} (above it, new users would wait long for their first acks).
 */
@ApplicationScoped
public class WriteLaneHealth {

    @Inject
    WriteLanes lanes;

    @Inject
    @ConfigProperty(name = "chat.health.backlog.max", defaultValue = "10000")
    int maxBacklog;

    @Produces
    @Liveness
    HealthCheck lanesRunning() {
        return () -> HealthCheckResponse.named("write-lanes")
                .status(lanes.running())
                .withData("lanes", lanes.laneCount())
                .withData("running", lanes.runningLanes())
                .build();
    }

    @Produces
    @Readiness
    HealthCheck backlog() {
        return () -> {
            int backlog = lanes.backlog();
            var response = HealthCheckResponse.named("write-backlog")
                    .status(backlog <= maxBacklog)
                    .withData("waiting", backlog)
                    .withData("max", maxBacklog);
            if (backlog > maxBacklog) {
                response.withData("problem", backlog + " messages wait to be stored");
            }
            return response.build();
        };
    }
}
