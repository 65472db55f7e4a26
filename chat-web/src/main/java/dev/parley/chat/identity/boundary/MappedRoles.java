package dev.parley.chat.identity.boundary;

import dev.parley.chat.identity.control.IdentityMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives a caller that MicroProfile JWT authenticated the app's roles under the configured claims
 * mapping ({@code CHAT_OIDC_GROUPS_CLAIM}, {@code CHAT_OIDC_ADMIN_GROUPS}, {@code
 * CHAT_OIDC_USER_GROUPS}), so {@code @RolesAllowed} works with any provider's claim layout. On
 * Payara the JWT mechanism asks every identity store for groups; this one only provides them.
 */
@ApplicationScoped
public class MappedRoles implements IdentityStore {

    @Inject
    IdentityMapping mapping;

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.PROVIDE_GROUPS);
    }

    @Override
    public Set<String> getCallerGroups(CredentialValidationResult result) {
        if (!(result.getCallerPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            return Set.of();
        }
        try {
            return JwtClaims.identity(mapping, jwt).groups();
        } catch (IllegalArgumentException noSubject) {
            return Set.of();
        }
    }
}
