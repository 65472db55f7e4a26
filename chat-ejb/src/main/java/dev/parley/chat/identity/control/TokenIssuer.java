package dev.parley.chat.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.chat.platform.config.DevSigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Signs dev-login tokens: real RS256 JWTs, verified by the same MicroProfile JWT path as SSO tokens. */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    @ConfigProperty(name = "chat.dev.token.ttl", defaultValue = "PT12H")
    Duration ttl;

    public IssuedToken issue(String userId, String name, List<String> groups) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(DevSigningKey.ISSUER)
                .audience(DevSigningKey.AUDIENCE)
                .subject(userId)
                .claim("upn", userId)
                .claim("preferred_username", name)
                .claim("name", name)
                .claim("groups", groups)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID("parley-dev")
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(DevSigningKey.keyPair().getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
        return new IssuedToken(jwt.serialize(), expiresAt);
    }

    /** A signed token and when it expires. */
    public record IssuedToken(String token, Instant expiresAt) {}
}
