package dev.parley.chat.identity.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

/**
 * nimbus's key selector, except that each JWK of the provider's set is turned into a Java key
 * once rather than for every token (building an {@code RSAPublicKey} from the JWK's modulus was
 * a tenth of a token check in a reconnect storm). Keys are remembered by the JWK's whole value,
 * so a rotated key is a new entry; the few a provider publishes at a time are all there is.
 */
final class ConvertedOnceKeySelector<C extends SecurityContext> extends JWSVerificationKeySelector<C> {

    /** More JWKs than any provider keeps published at once: past it, start over. */
    static final int MAX_REMEMBERED = 64;

    private final Map<JWK, List<Key>> converted = new ConcurrentHashMap<>();

    ConvertedOnceKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<C> keys) {
        super(algorithms, keys);
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, C context) throws KeySourceException {
        if (!isAllowed(header.getAlgorithm())) {
            return List.of();
        }
        JWKMatcher matcher = createJWKMatcher(header);
        if (matcher == null) {
            return List.of();
        }
        List<Key> keys = new ArrayList<>(1);
        for (JWK jwk : getJWKSource().get(new JWKSelector(matcher), context)) {
            keys.addAll(javaKeys(jwk));
        }
        return keys;
    }

    private List<Key> javaKeys(JWK jwk) {
        List<Key> known = converted.get(jwk);
        if (known != null) {
            return known;
        }
        if (converted.size() >= MAX_REMEMBERED) {
            converted.clear();
        }
        // as nimbus does: a JWK that does not convert is skipped; only public and secret keys verify
        List<Key> usable = KeyConverter.toJavaKeys(List.of(jwk)).stream()
                .filter(key -> key instanceof PublicKey || key instanceof SecretKey)
                .toList();
        converted.put(jwk, usable);
        return usable;
    }

    int remembered() {
        return converted.size();
    }
}
