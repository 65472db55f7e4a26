package dev.parley.chat.operations.boundary;

import dev.parley.chat.platform.boundary.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the schema is migrated (the migration runs before the application takes traffic). */
@Startup
@ApplicationScoped
public class SchemaStarted implements HealthCheck {

    @Inject
    SchemaMigration migration;

    @Override
    public HealthCheckResponse call() {
        String version = migration.version();
        return HealthCheckResponse.named("schema")
                .status(version != null)
                .withData("version", version == null ? "not migrated" : version)
                .build();
    }
}
