package dev.parley.chat.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Tokens the dev login would never hand out: expired, forged, for another issuer or audience. */
public final class TestTokens {

    private TestTokens() {}

    /** The server's own dev signing key, read from its data folder. */
    public static PrivateKey serverKey() {
        try {
            Path file = Path.of(System.getProperty("parley.itData", "target/it-data"), "dev-signing-key.pk8");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new AssertionError("cannot read the server's dev key", e);
        }
    }

    public static PrivateKey strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static Builder token() {
        return new Builder();
    }

    /** Builds a token that is valid unless a setter spoils it. */
    public static final class Builder {
        private PrivateKey key = serverKey();
        private String issuer = "parley-dev";
        private String audience = "parley";
        private Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        private List<String> groups = List.of("user");
        private String subject = UUID.randomUUID().toString();

        public Builder key(PrivateKey key) {
            this.key = key;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder groups(String... groups) {
            this.groups = List.of(groups);
            return this;
        }

        public String sign() {
            try {
                JWTClaimsSet claims = new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .audience(audience)
                        .subject(subject)
                        .claim("upn", subject)
                        .claim("name", "Tester")
                        .claim("groups", groups)
                        .issueTime(Date.from(expiresAt.minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(expiresAt))
                        .jwtID(UUID.randomUUID().toString())
                        .build();
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .type(JOSEObjectType.JWT)
                                .keyID("parley-dev")
                                .build(),
                        claims);
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
