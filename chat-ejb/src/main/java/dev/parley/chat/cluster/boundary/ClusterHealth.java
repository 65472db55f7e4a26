package dev.parley.chat.cluster.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code redis}. It stays UP while Redis is unreachable, on purpose: every node
 * then still serves its own clients, and a check that went DOWN would take all nodes out of the
 * load balancer at once. Its data says {@code degraded} and why, for alerts.
 */
@ApplicationScoped
public class ClusterHealth {

    @Inject
    Cluster cluster;

    @Produces
    @Readiness
    HealthCheck redis() {
        return () -> {
            Cluster.Status status = cluster.status();
            HealthCheckResponseBuilder check =
                    HealthCheckResponse.named("redis").up();
            if (status == null) {
                return check.withData("mode", "single node (chat.redis.url not set)")
                        .build();
            }
            check.withData("mode", "cluster").withData("node", status.node());
            if (status.problem() == null) {
                return check.withData("fanout", "connected").build();
            }
            return check.withData(
                            "fanout", "degraded: cross-node delivery interrupted, this node serves its own clients")
                    .withData("problem", status.problem())
                    .withData("since", status.problemSince())
                    .build();
        };
    }
}
