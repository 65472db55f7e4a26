package dev.parley.chat.identity.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConvertedOnceKeySelectorTest {

    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    // like a remote set: every look-up hands out new JWK objects, equal in value to the last ones
    private final ConvertedOnceKeySelector<SecurityContext> selector = new ConvertedOnceKeySelector<>(
            Set.of(JWSAlgorithm.RS256), (selector, context) -> selector.select(refetched()));

    private JWKSet refetched() {
        try {
            return JWKSet.parse(published.get().toString(false));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKeyIsConvertedOnceAndServesEveryLaterToken() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("one").generate();
        published.set(new JWKSet(first.toPublicJWK()));

        List<Key> once = selector.selectJWSKeys(header("one"), null);
        List<Key> again = selector.selectJWSKeys(header("one"), null);

        assertThat(once).hasSize(1);
        assertThat(once.get(0)).isEqualTo(first.toRSAPublicKey());
        assertThat(again.get(0)).isSameAs(once.get(0));
        assertThat(selector.remembered()).isEqualTo(1);
    }

    @Test
    void aRotatedKeyUnderTheSameKidIsANewKeyNotTheOldOne() throws Exception {
        RSAKey before = new RSAKeyGenerator(2048).keyID("k").generate();
        RSAKey after = new RSAKeyGenerator(2048).keyID("k").generate();
        published.set(new JWKSet(before.toPublicJWK()));
        selector.selectJWSKeys(header("k"), null);

        published.set(new JWKSet(after.toPublicJWK()));
        List<Key> now = selector.selectJWSKeys(header("k"), null);

        assertThat(now).containsExactly(after.toRSAPublicKey());
    }

    @Test
    void anUnknownKidOrAnAlgorithmNotAllowedSelectsNothing() throws Exception {
        published.set(
                new JWKSet(new RSAKeyGenerator(2048).keyID("one").generate().toPublicJWK()));

        assertThat(selector.selectJWSKeys(header("other"), null)).isEmpty();
        assertThat(selector.selectJWSKeys(
                        new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("one").build(), null))
                .isEmpty();
    }

    @Test
    void aSetThatKeepsChangingCannotGrowTheMemoryBeyondItsBound() throws Exception {
        for (int i = 0; i < ConvertedOnceKeySelector.MAX_REMEMBERED + 10; i++) {
            published.set(
                    new JWKSet(new RSAKeyGenerator(2048).keyID("k").generate().toPublicJWK()));
            assertThat(selector.selectJWSKeys(header("k"), null)).hasSize(1);
        }

        assertThat(selector.remembered()).isLessThanOrEqualTo(ConvertedOnceKeySelector.MAX_REMEMBERED);
    }

    private static JWSHeader header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
    }
}
