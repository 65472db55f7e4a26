package dev.parley.chat.identity.boundary;

import dev.parley.chat.identity.entity.Identity;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

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
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return original.getUserPrincipal();
            }

            @Override
            public boolean isUserInRole(String role) {
                return original.isUserInRole(role) || mapped(role);
            }

            @Override
            public boolean isSecure() {
                return original.isSecure();
            }

            @Override
            public String getAuthenticationScheme() {
                return original.getAuthenticationScheme();
            }
        });
    }

    private boolean mapped(String role) {
        try {
            Identity identity = caller.identity();
            return identity.groups().contains(role);
        } catch (NotAuthorizedException | IllegalArgumentException notAToken) {
            return false;
        }
    }
}
