package dev.parley.chat.identity.boundary;

import jakarta.security.enterprise.CallerPrincipal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token {@link dev.parley.chat.identity.control.TokenVerifier} verified, seen through
 * MicroProfile JWT's interface so that the rest of the REST layer cannot tell it from one the
 * server verified. Claims are plain JSON values: times in epoch seconds, arrays as lists.
 */
final class VerifiedJsonWebToken extends CallerPrincipal implements JsonWebToken {

    private static final long serialVersionUID = 1L;

    private final String raw;
    private final transient Map<String, Object> claims;

    VerifiedJsonWebToken(String raw, Map<String, Object> claims) {
        super(nameOf(claims));
        this.raw = raw;
        this.claims = Map.copyOf(claims);
    }

    /** As MicroProfile JWT names the caller: {@code upn}, else {@code preferred_username}, else {@code sub}. */
    private static String nameOf(Map<String, Object> claims) {
        for (String claim : new String[] {"upn", "preferred_username", "sub"}) {
            if (claims.get(claim) instanceof String name) {
                return name;
            }
        }
        return null;
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(claims.keySet());
        names.add(Claims.raw_token.name());
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        if (Claims.raw_token.name().equals(claimName)) {
            return (T) raw;
        }
        if (Claims.groups.name().equals(claimName) || Claims.aud.name().equals(claimName)) {
            return claims.containsKey(claimName) ? (T) strings(claims.get(claimName)) : null;
        }
        Object value = claims.get(claimName);
        return (T) (value instanceof Number number && isTime(claimName) ? (Object) number.longValue() : value);
    }

    /** MicroProfile JWT hands out {@code aud} and {@code groups} as sets, though a token may hold one string. */
    private static Set<String> strings(Object value) {
        Set<String> strings = new LinkedHashSet<>();
        if (value instanceof Collection<?> many) {
            many.forEach(item -> strings.add(String.valueOf(item)));
        } else if (value != null) {
            strings.add(String.valueOf(value));
        }
        return strings;
    }

    private static boolean isTime(String claimName) {
        return claimName.equals("exp")
                || claimName.equals("iat")
                || claimName.equals("nbf")
                || claimName.equals("auth_time");
    }

    @Override
    public String toString() {
        return "VerifiedJsonWebToken[" + getName() + "]"; // never the token itself
    }
}
