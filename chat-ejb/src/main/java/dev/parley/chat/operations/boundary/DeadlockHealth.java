package dev.parley.chat.operations.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Liveness: no threads of the server deadlocked on each other (only a restart gets them going again). */
@ApplicationScoped
public class DeadlockHealth {

    @Produces
    @Liveness
    HealthCheck noDeadlock() {
        return () -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] deadlocked = threads.findDeadlockedThreads();
            var response = HealthCheckResponse.named("deadlocks").status(deadlocked == null);
            if (deadlocked != null) {
                String names = Arrays.stream(threads.getThreadInfo(deadlocked))
                        .filter(java.util.Objects::nonNull)
                        .map(ThreadInfo::getThreadName)
                        .collect(Collectors.joining(", "));
                response.withData("problem", deadlocked.length + " threads are deadlocked: " + names);
            }
            return response.build();
        };
    }
}
