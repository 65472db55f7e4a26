package dev.parley.chat.platform.boundary;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API under {@code /api}, secured by MicroProfile JWT. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Parley",
                        version = "1.1",
                        description = "Parley's REST API: rooms, history, presence, token usage, admin calls and"
                                + " dev login. The WebSocket protocol of a room is described by /api/asyncapi.json and"
                                + " docs/protocol.md. Every call but /api/auth/config and dev login needs a bearer token"
                                + " (dev login or the OpenID Connect provider)."),
        components =
                @Components(
                        securitySchemes =
                                @SecurityScheme(
                                        securitySchemeName = "bearer",
                                        type = SecuritySchemeType.HTTP,
                                        scheme = "bearer",
                                        bearerFormat = "JWT")),
        security = @SecurityRequirement(name = "bearer"))
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"user", "admin"})
@ApplicationScoped
public class ChatApplication extends Application {}
