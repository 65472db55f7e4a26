package dev.parley.chat.identity.control;

import dev.parley.chat.identity.entity.Identity;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns a token's claims into an {@link Identity}: id from {@code sub}, a display name, and the
 * groups from a configurable claim (a dotted path for nested claims such as Keycloak's
 * {@code realm_access.roles}). The provider's own group names are kept (rooms restrict by them)
 * and the app's roles are added: {@code admin} for any of the admin groups, {@code user} for any
 * of the user groups ({@code *}: everyone the provider signed in).
 */
public final class ClaimsMapping {

    public static final String EVERYONE = "*";

    private final String groupsClaim;
    private final Set<String> adminGroups;
    private final Set<String> userGroups;

    public ClaimsMapping(String groupsClaim) {
        this(groupsClaim, Set.of(Identity.ADMIN), Set.of(Identity.USER));
    }

    public ClaimsMapping(String groupsClaim, Set<String> adminGroups, Set<String> userGroups) {
        this.groupsClaim = groupsClaim;
        this.adminGroups = Set.copyOf(adminGroups);
        this.userGroups = Set.copyOf(userGroups);
    }

    public Identity identity(Map<String, Object> claims, Instant expiresAt) {
        String subject = text(claims.get("sub"));
        if (subject == null) {
            throw new IllegalArgumentException("the token has no subject");
        }
        String name = firstText(claims, "name", "preferred_username", "upn");
        return new Identity(subject, name == null ? subject : name, groups(claims), expiresAt);
    }

    private Set<String> groups(Map<String, Object> claims) {
        Object value = claims.get(groupsClaim);
        if (value == null && groupsClaim.contains(".")) {
            value = nested(claims, groupsClaim.split("\\."));
        }
        Set<String> groups = new LinkedHashSet<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(item -> groups.add(String.valueOf(item)));
        } else if (value instanceof String single) {
            groups.add(single);
        }
        if (groups.stream().anyMatch(adminGroups::contains)) {
            groups.add(Identity.ADMIN);
        }
        if (userGroups.contains(EVERYONE) || groups.stream().anyMatch(userGroups::contains)) {
            groups.add(Identity.USER);
        }
        return Set.copyOf(groups);
    }

    private static Object nested(Map<String, Object> claims, String[] path) {
        Object current = claims;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    private static String firstText(Map<String, Object> claims, String... names) {
        for (String name : names) {
            String value = text(claims.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
