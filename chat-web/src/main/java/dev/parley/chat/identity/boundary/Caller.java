package dev.parley.chat.identity.boundary;

import dev.parley.chat.identity.control.IdentityMapping;
import dev.parley.chat.identity.entity.Identity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The REST caller as an {@link Identity}, from the token MicroProfile JWT verified. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    @Inject
    IdentityMapping mapping;

    /** Who is calling; only asked inside methods that {@code @RolesAllowed} already let through. */
    public Identity identity() {
        if (jwt == null || jwt.getSubject() == null) {
            throw new NotAuthorizedException("Bearer");
        }
        return JwtClaims.identity(mapping, jwt);
    }
}
