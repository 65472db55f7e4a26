package dev.parley.chat.identity.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.platform.config.DevSigningKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies a raw JWT (the WebSocket's {@code access_token}) against the same settings that
 * MicroProfile JWT uses for REST: signature by the issuer's keys, issuer, expiry, audience.
 */
@ApplicationScoped
public class TokenVerifier {

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<String> audience;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> jwksLocation;

    @Inject
    IdentityMapping mapping;

    /** The provider's key set is fetched at most twice in this time (nimbus's default is 30 s). */
    static final long JWKS_REFRESH_MIN_MILLIS = 5_000;

    private DefaultJWTProcessor<SecurityContext> processor;

    @PostConstruct
    void init() {
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new ConvertedOnceKeySelector<>(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.ES256), keys()));
        // nimbus asks these sets contains(null), which immutable sets refuse: use HashSets
        Set<String> audiences =
                audience.map(a -> new HashSet<>(Arrays.asList(a.split(",")))).orElse(null);
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audiences,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                new HashSet<>(Arrays.asList("sub", "exp")),
                null));
    }

    /** The identity the token proves, or an exception when it proves nothing. */
    public Identity verify(String token) throws InvalidTokenException {
        return identity(claims(token));
    }

    /** The identity verified claims prove, under the configured claims mapping. */
    public Identity identity(Map<String, Object> claims) throws InvalidTokenException {
        if (!(claims.get("exp") instanceof Number expiry)) {
            throw new InvalidTokenException("the token has no expiry");
        }
        try {
            return mapping.identity(claims, Instant.ofEpochSecond(expiry.longValue()));
        } catch (IllegalArgumentException unmapped) {
            throw new InvalidTokenException("the token names nobody");
        }
    }

    /**
     * The claims of a token whose signature, issuer, audience and expiry hold, as JSON values
     * (times in epoch seconds, objects as maps, arrays as lists); an exception otherwise.
     */
    public Map<String, Object> claims(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("a token is required");
        }
        try {
            return processor.process(token, null).toJSONObject();
        } catch (Exception e) {
            throw new InvalidTokenException("the token is invalid or expired");
        }
    }

    private JWKSource<SecurityContext> keys() {
        if (jwksLocation.isPresent()) {
            try {
                // a token whose kid is not in the cached set refetches the set at once, but at most
                // twice per JWKS_REFRESH_MIN_MILLIS: tokens with made-up kids cannot hammer the provider
                return JWKSourceBuilder.create(URI.create(jwksLocation.get()).toURL())
                        .retrying(true)
                        .rateLimited(JWKS_REFRESH_MIN_MILLIS)
                        .build();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("the JWKS location is not a URL", e);
            }
        }
        RSAPublicKey key = (RSAPublicKey) DevSigningKey.keyPair().getPublic();
        return new ImmutableJWKSet<>(
                new JWKSet(new RSAKey.Builder(key).keyID("parley-dev").build()));
    }

    /** A token that proves nothing: missing, forged, expired, or for someone else. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
