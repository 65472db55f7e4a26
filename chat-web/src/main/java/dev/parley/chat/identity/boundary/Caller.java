package dev.parley.chat.identity.boundary;

import dev.parley.chat.identity.control.IdentityMapping;
import dev.parley.chat.identity.entity.Identity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAuthorizedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The REST caller as an {@link Identity}, from the token MicroProfile JWT verified. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    @Inject
    IdentityMapping mapping;

    @Inject
    HttpServletRequest request;

    /** Who is calling; only asked inside methods that {@code @RolesAllowed} already let through. */
    public Identity identity() {
        JsonWebToken verified = verifiedToken();
        if (verified == null) {
            throw new NotAuthorizedException("Bearer");
        }
        return JwtClaims.identity(mapping, verified);
    }

    /** The token the server's MP JWT verified, else the one the app verified after it refused. */
    private JsonWebToken verifiedToken() {
        if (jwt != null && jwt.getSubject() != null) {
            return jwt;
        }
        return request.getAttribute(RotatedKeyIdentityStore.VERIFIED_TOKEN) instanceof JsonWebToken token
                ? token
                : null;
    }
}
