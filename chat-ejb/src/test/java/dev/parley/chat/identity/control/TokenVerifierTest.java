package dev.parley.chat.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.parley.chat.identity.control.TokenVerifier.InvalidTokenException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier against a provider's key set served over real HTTP, as a provider rotates its keys. */
class TokenVerifierTest {

    private static final String ISSUER = "https://idp.example/realms/parley";

    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer provider;
    private TokenVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        published.add(key("first"));
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = new JWKSet(List.copyOf(
                            published.stream().map(RSAKey::toPublicJWK).toList()))
                    .toString()
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
        verifier = new TokenVerifier();
        verifier.issuer = ISSUER;
        verifier.audience = Optional.of("parley");
        verifier.jwksLocation =
                Optional.of("http://127.0.0.1:" + provider.getAddress().getPort() + "/certs");
        verifier.mapping = new IdentityMapping();
        verifier.mapping.groupsClaim = "groups";
        verifier.mapping.adminGroups = "chat-admins";
        verifier.mapping.userGroups = "chat-users";
        verifier.mapping.init();
        verifier.init();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    @Test
    void acceptsATokenOfTheProvidersKeyAndMapsItsGroups() throws Exception {
        Map<String, Object> claims = verifier.claims(token(published.get(0), "ann", "parley"));
        assertThat(claims).containsEntry("sub", "ann");
        assertThat(claims.get("exp")).isInstanceOf(Long.class);
        assertThat(verifier.identity(claims).groups()).contains("user", "chat-users");
    }

    @Test
    void refusesForgedExpiredAndForeignTokens() throws Exception {
        RSAKey stranger = key("first"); // the provider's key id, another private key
        assertThatThrownBy(() -> verifier.claims(token(stranger, "ann", "parley")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.claims(token(published.get(0), "ann", "someone-else")))
                .isInstanceOf(InvalidTokenException.class);
        SignedJWT expired = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("first").build(),
                claims("ann", "parley")
                        .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                        .build());
        expired.sign(new RSASSASigner(published.get(0)));
        assertThatThrownBy(() -> verifier.claims(expired.serialize())).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.claims("not.a.token")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aKeyRotatedInIsLearntAtTheFirstTokenThatUsesIt() throws Exception {
        verifier.claims(token(published.get(0), "ann", "parley"));
        int before = fetches.get();

        RSAKey rotated = key("rotated");
        published.add(rotated);
        assertThat(verifier.claims(token(rotated, "bob", "parley"))).containsEntry("sub", "bob");
        assertThat(fetches.get()).isEqualTo(before + 1);
    }

    @Test
    void tokensWithMadeUpKeyIdsCannotMakeItHammerTheProvider() throws Exception {
        verifier.claims(token(published.get(0), "ann", "parley"));
        int before = fetches.get();
        long started = System.nanoTime();
        RSAKey forger = key("forger");
        for (int i = 0; i < 50; i++) {
            RSAKey madeUp = new RSAKey.Builder(forger).keyID("made-up-" + i).build();
            assertThatThrownBy(() -> verifier.claims(token(madeUp, "mallory", "parley")))
                    .isInstanceOf(InvalidTokenException.class);
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(fetches.get() - before)
                .as("fetches for 50 unknown key ids in %d ms", elapsedMillis)
                // nimbus allows two fetches per interval
                .isLessThanOrEqualTo(1 + 2 * (int) (elapsedMillis / TokenVerifier.JWKS_REFRESH_MIN_MILLIS));
    }

    private static RSAKey key(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    private static JWTClaimsSet.Builder claims(String subject, String audience) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .audience(audience)
                .claim("groups", List.of("chat-users"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private static String token(RSAKey key, String subject, String audience) throws JOSEException, IOException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims(subject, audience).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
