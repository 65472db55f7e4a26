package dev.parley.chat.platform.boundary;

import dev.parley.chat.protocol.entity.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CORS for the origins in {@code CHAT_ALLOWED_ORIGINS}: preflights are answered before any
 * security check, and responses to listed origins say so. Others get no CORS headers (a preflight
 * from them is refused with 403), so browsers keep their pages out.
 */
@Provider
@PreMatching
public class Cors implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String ORIGIN = "Origin";

    @Inject
    @ConfigProperty(name = "chat.allowed.origins")
    Optional<String> allowedOrigins;

    private OriginPolicy policy;

    @PostConstruct
    void init() {
        policy = new OriginPolicy(allowedOrigins.orElse(null));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString(ORIGIN);
        if (origin == null
                || !HttpMethod.OPTIONS.equals(request.getMethod())
                || request.getHeaderString("Access-Control-Request-Method") == null) {
            return;
        }
        if (!policy.listed(origin)) {
            request.abortWith(ErrorBody.response(403, ErrorCode.FORBIDDEN, "origin not allowed"));
            return;
        }
        request.abortWith(Response.ok()
                .header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .header("Access-Control-Max-Age", "600")
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString(ORIGIN);
        if (origin != null && policy.listed(origin)) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.add("Vary", ORIGIN);
        }
    }
}
