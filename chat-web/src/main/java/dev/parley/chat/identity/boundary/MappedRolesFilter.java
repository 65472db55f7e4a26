package dev.parley.chat.identity.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Set;

/**
 * The configured claims mapping for servers whose {@code @RolesAllowed} check asks the JAX-RS
 * {@link SecurityContext} (WildFly's RESTEasy). Payara asks Jakarta Security instead, which
 * {@link MappedRoles} answers.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
public class MappedRolesFilter implements ContainerRequestFilter {

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext original = request.getSecurityContext();
        if (original == null || original.getUserPrincipal() == null) {
            return;
        }
        request.setSecurityContext(new MappedSecurityContext(original));
    }

    /** The container's answer, or else the mapped roles, worked out once per request. */
    private final class MappedSecurityContext implements SecurityContext {

        private final SecurityContext original;
        private Set<String> mapped;

        MappedSecurityContext(SecurityContext original) {
            this.original = original;
        }

        @Override
        public Principal getUserPrincipal() {
            return original.getUserPrincipal();
        }

        @Override
        public boolean isUserInRole(String role) {
            return original.isUserInRole(role) || mapped().contains(role);
        }

        @Override
        public boolean isSecure() {
            return original.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return original.getAuthenticationScheme();
        }

        private Set<String> mapped() {
            if (mapped == null) {
                try {
                    mapped = caller.identity().groups();
                } catch (NotAuthorizedException | IllegalArgumentException notAToken) {
                    mapped = Set.of();
                }
            }
            return mapped;
        }
    }
}
