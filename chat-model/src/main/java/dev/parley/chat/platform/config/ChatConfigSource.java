package dev.parley.chat.platform.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives the MicroProfile JWT settings from the contract's {@code CHAT_OIDC_*} keys, so that
 * operators configure one set of names. In dev mode it points MP JWT at the dev signing key.
 * Its ordinal is below the environment's, so an operator can still set {@code mp.jwt.*} directly.
 */
public class ChatConfigSource implements ConfigSource {

    private static final Duration RETRY = Duration.ofSeconds(10);

    private volatile Map<String, String> properties;
    private Map<String, String> incomplete;
    private long retryAt;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> current = properties;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (properties == null && (incomplete == null || System.nanoTime() > retryAt)) {
                Map<String, String> derived = derive();
                if (complete(derived)) {
                    properties = derived;
                } else {
                    // the identity provider was unreachable: ask it again, but not on every lookup
                    incomplete = derived;
                    retryAt = System.nanoTime() + RETRY.toNanos();
                }
            }
            return properties != null ? properties : incomplete;
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        if (!propertyName.startsWith("mp.jwt.") && !propertyName.startsWith("smallrye.jwt.")) {
            return null;
        }
        return getProperties().get(propertyName);
    }

    @Override
    public String getName() {
        return "parley-chat-settings";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }

    private static boolean complete(Map<String, String> derived) {
        return derived.containsKey("mp.jwt.verify.publickey")
                || derived.containsKey("mp.jwt.verify.publickey.location");
    }

    private static Map<String, String> derive() {
        Map<String, String> derived = new HashMap<>();
        if (Settings.oidcMode()) {
            derived.put("mp.jwt.verify.issuer", Settings.get("chat.oidc.issuer").orElseThrow());
            Settings.get("chat.oidc.jwks.url")
                    .or(() -> OidcDiscovery.jwksUri(
                            Settings.get("chat.oidc.issuer").orElseThrow()))
                    .ifPresent(url -> derived.put("mp.jwt.verify.publickey.location", url));
            Settings.get("chat.oidc.audience").ifPresent(aud -> derived.put("mp.jwt.verify.audiences", aud));
            // WildFly's MP JWT (SmallRye) refetches the key set when it meets an unknown key id, by
            // default at most once in 30 minutes: a key the provider rotates in is learnt at once
            derived.put("smallrye.jwt.jwks.forced-refresh-interval", "1");
            // WildFly's MP JWT (SmallRye) reads groups from this claim path; Payara is served by MappedRoles
            Settings.get("chat.oidc.groups.claim")
                    .ifPresent(claim -> derived.put("smallrye.jwt.path.groups", claim.replace('.', '/')));
        } else {
            derived.put("mp.jwt.verify.issuer", DevSigningKey.ISSUER);
            derived.put("mp.jwt.verify.publickey", DevSigningKey.publicKeyPem());
            derived.put("mp.jwt.verify.audiences", DevSigningKey.AUDIENCE);
        }
        return Map.copyOf(derived);
    }
}
