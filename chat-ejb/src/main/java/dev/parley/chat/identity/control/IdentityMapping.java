package dev.parley.chat.identity.control;

import dev.parley.chat.identity.entity.Identity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured {@link ClaimsMapping}, shared by the WebSocket handshake and the REST layer so
 * both see the same user and roles: {@code CHAT_OIDC_GROUPS_CLAIM}, {@code CHAT_OIDC_ADMIN_GROUPS},
 * {@code CHAT_OIDC_USER_GROUPS}.
 */
@ApplicationScoped
public class IdentityMapping {

    @Inject
    @ConfigProperty(name = "chat.oidc.groups.claim", defaultValue = "groups")
    String groupsClaim;

    @Inject
    @ConfigProperty(name = "chat.oidc.admin.groups", defaultValue = Identity.ADMIN)
    String adminGroups;

    @Inject
    @ConfigProperty(name = "chat.oidc.user.groups", defaultValue = Identity.USER)
    String userGroups;

    private ClaimsMapping mapping;

    @PostConstruct
    void init() {
        mapping = new ClaimsMapping(groupsClaim, list(adminGroups), list(userGroups));
    }

    public Identity identity(Map<String, Object> claims, Instant expiresAt) {
        return mapping.identity(claims, expiresAt);
    }

    private static Set<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
