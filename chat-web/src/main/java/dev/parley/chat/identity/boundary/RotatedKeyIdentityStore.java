package dev.parley.chat.identity.boundary;

import dev.parley.chat.identity.control.TokenVerifier;
import dev.parley.chat.identity.control.TokenVerifier.InvalidTokenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a REST bearer token that the server's own MicroProfile JWT refused, with the verifier
 * the WebSocket uses. Payara's MP JWT refetches the provider's key set only when its cache
 * expires, so right after the provider rotates in a new signing key its tokens would be refused
 * for seconds; {@link TokenVerifier} refetches the set as soon as it meets an unknown key id (at
 * most twice in 5 s, so tokens with made-up key ids cannot hammer the provider). Payara's
 * JWT mechanism asks every validating identity store in priority order until one accepts: this
 * one comes after the server's. WildFly's MP JWT refreshes on an unknown key id by itself
 * ({@code smallrye.jwt.jwks.forced-refresh-interval}) and never asks identity stores.
 */
@ApplicationScoped
public class RotatedKeyIdentityStore implements IdentityStore {

    private static final String BEARER = "Bearer ";

    /** The request attribute that holds the token this store verified. */
    static final String VERIFIED_TOKEN = RotatedKeyIdentityStore.class.getName() + ".token";

    @Inject
    TokenVerifier verifier;

    @Inject
    HttpServletRequest request;

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }

    @Override
    public int priority() {
        return 1_000;
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String token = header.substring(BEARER.length()).trim();
        try {
            Map<String, Object> claims = verifier.claims(token);
            Set<String> groups = verifier.identity(claims).groups();
            VerifiedJsonWebToken verified = new VerifiedJsonWebToken(token, claims);
            // the server's JsonWebToken bean knows only tokens it verified itself: Caller looks here
            request.setAttribute(VERIFIED_TOKEN, verified);
            return new CredentialValidationResult(verified, groups);
        } catch (InvalidTokenException refused) {
            return CredentialValidationResult.INVALID_RESULT;
        }
    }
}
