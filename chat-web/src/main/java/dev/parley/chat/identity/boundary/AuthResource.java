package dev.parley.chat.identity.boundary;

import dev.parley.chat.identity.control.DevNames;
import dev.parley.chat.identity.control.TokenIssuer;
import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.platform.boundary.ErrorBody;
import dev.parley.chat.platform.config.Settings;
import dev.parley.chat.protocol.entity.ErrorCode;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How to sign in: the login mode for the browser, and the dev login. */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class AuthResource {

    private static final int MAX_GROUPS = 20;

    @Inject
    TokenIssuer issuer;

    @Inject
    @ConfigProperty(name = "chat.oidc.issuer")
    java.util.Optional<String> oidcIssuer;

    @Inject
    @ConfigProperty(name = "chat.oidc.client.id")
    java.util.Optional<String> oidcClientId;

    @Inject
    @ConfigProperty(name = "chat.oidc.scope", defaultValue = "openid profile email")
    String oidcScope;

    /** Dev login signs anyone in as anyone, admins too: only callers on this machine, unless allowed. */
    @Inject
    @ConfigProperty(name = "chat.dev.login.remote", defaultValue = "false")
    boolean devLoginFromAnywhere;

    @Context
    HttpServletRequest http;

    @Inject
    Caller caller;

    /**
     * Who the caller is to this server: their roles as mapped from the token (for example through
     * {@code CHAT_OIDC_ADMIN_GROUPS} and a dotted groups claim), so that the browser app never
     * guesses them from claims of its own.
     */
    @GET
    @Path("me")
    @RolesAllowed({"user", "admin"})
    public Me me() {
        Identity identity = caller.identity();
        List<String> roles = java.util.stream.Stream.of(Identity.USER, Identity.ADMIN)
                .filter(identity.groups()::contains)
                .toList();
        return new Me(identity.user(), roles, identity.isAdmin(), identity.expiresAt());
    }

    /** What the browser needs to sign in. */
    @GET
    @Path("config")
    public AuthConfig config() {
        if (oidcIssuer.isPresent()) {
            return new AuthConfig("oidc", oidcIssuer.get(), oidcClientId.orElse(null), oidcScope);
        }
        return new AuthConfig("dev", null, null, null);
    }

    /**
     * Signs a dev token for a name; 404 when an OIDC issuer is configured, 403 for a caller on
     * another machine unless {@code CHAT_DEV_LOGIN_REMOTE} allows it.
     */
    @POST
    @Path("dev-login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response devLogin(DevLoginRequest request) {
        if (oidcIssuer.isPresent() || Settings.oidcMode()) {
            throw new NotFoundException();
        }
        if (!devLoginFromAnywhere && !fromThisMachine()) {
            return ErrorBody.response(
                    403,
                    ErrorCode.FORBIDDEN,
                    "dev login is only open to this machine (CHAT_DEV_LOGIN_REMOTE=true opens it to others)");
        }
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with a name is required");
        }
        String name = DevNames.validate(request.name());
        String id = DevNames.userId(name);
        List<String> groups = groups(request.groups());
        TokenIssuer.IssuedToken token = issuer.issue(id, name, groups);
        return Response.ok(new DevLoginResponse(token.token(), new ChatUser(id, name), token.expiresAt()))
                .build();
    }

    private boolean fromThisMachine() {
        try {
            return InetAddress.getByName(http.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    private static List<String> groups(List<String> requested) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(Identity.USER);
        if (requested != null) {
            if (requested.size() > MAX_GROUPS) {
                throw new IllegalArgumentException("at most " + MAX_GROUPS + " groups");
            }
            for (String group : requested) {
                groups.add(DevNames.validate(group));
            }
        }
        return new ArrayList<>(groups);
    }

    /** {@code scope}, an extension: what the browser app asks the provider for. */
    public record Me(ChatUser user, List<String> roles, boolean admin, Instant expiresAt) {}

    public record AuthConfig(String mode, String issuer, String clientId, String scope) {}

    public record DevLoginRequest(String name, List<String> groups) {}

    public record DevLoginResponse(String token, ChatUser user, Instant expiresAt) {}
}
