package dev.parley.chat.identity.boundary;

import dev.parley.chat.identity.entity.Identity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The REST caller as an {@link Identity}, from the token MicroProfile JWT verified. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    /** Who is calling; only asked inside methods that {@code @RolesAllowed} already let through. */
    public Identity identity() {
        if (jwt == null || jwt.getSubject() == null) {
            throw new NotAuthorizedException("Bearer");
        }
        String name = firstNonBlank(
                jwt.getClaim("name"), jwt.getClaim("preferred_username"), jwt.getName(), jwt.getSubject());
        Set<String> groups = jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
        return new Identity(jwt.getSubject(), name, groups, Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    private static String firstNonBlank(Object... values) {
        for (Object value : values) {
            if (value != null && !value.toString().isBlank()) {
                return value.toString().replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }
}
