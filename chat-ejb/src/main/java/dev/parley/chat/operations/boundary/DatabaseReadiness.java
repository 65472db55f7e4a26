package dev.parley.chat.operations.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers a query within {@code chat.health.database.timeout}. One
 * probe runs at a time: while the pool is still waiting for a connection to a database that went
 * away, later health requests report that wait instead of starting more.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "chat.health.database.timeout", defaultValue = "PT3S")
    Duration timeout;

    private final AtomicReference<Probe> running = new AtomicReference<>();

    private record Probe(CompletableFuture<Long> answer, long startedNanos) {}

    @Override
    public HealthCheckResponse call() {
        Probe probe = running.updateAndGet(
                current -> current != null && !current.answer().isDone()
                        ? current
                        : new Probe(CompletableFuture.supplyAsync(this::queryMillis, executor), System.nanoTime()));
        try {
            long millis = probe.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named("database")
                    .up()
                    .withData("queryMillis", millis)
                    .build();
        } catch (TimeoutException e) {
            long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - probe.startedNanos());
            return down("the database has not answered for " + waited + " s");
        } catch (ExecutionException e) {
            return down(
                    "the database is unreachable (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted while asking the database");
        }
    }

    private long queryMillis() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet result = statement.executeQuery("select 1")) {
                result.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static HealthCheckResponse down(String why) {
        return HealthCheckResponse.named("database")
                .down()
                .withData("problem", why)
                .build();
    }
}
