package dev.parley.chat.room.boundary;

import dev.parley.chat.identity.control.TokenVerifier;
import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.platform.boundary.OriginPolicy;
import dev.parley.chat.room.entity.RoomName;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Decides at the handshake whether a room (or usage feed) connection may open: a verified token, a valid room
 * name and {@code since}, an allowed Origin. The endpoint closes refused connections with 1008
 * before sending anything.
 */
public class HandshakeGuard extends ServerEndpointConfig.Configurator {

    private static final String PATH_PREFIX = "/ws/rooms/";
    private static final String USAGE_PATH = "/ws/usage";

    private final LookedUpOnce<TokenVerifier> verifier = new LookedUpOnce<>(TokenVerifier.class);
    private final LookedUpOnce<RoomSessions> sessions = new LookedUpOnce<>(RoomSessions.class);
    private volatile OriginPolicy origins;

    /**
     * Room endpoints are made here rather than by CDI: Weld building and injecting a managed
     * instance for every connection was a cost each of them paid, for two fields that never change.
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != RoomSocket.class) {
            return super.getEndpointInstance(endpointClass);
        }
        return endpointClass.cast(new RoomSocket(sessions.get()));
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(Admission.KEY, decide(request));
    }

    private Admission decide(HandshakeRequest request) {
        Map<String, List<String>> headers = request.getHeaders();
        if (!origins().allows(header(headers, "origin"), header(headers, "host"))) {
            return Admission.refuse("forbidden: origin not allowed");
        }
        String path = request.getRequestURI().getRawPath();
        String room = roomOf(path);
        boolean usageFeed = path != null && path.endsWith(USAGE_PATH);
        if (!usageFeed && !RoomName.isValid(room)) {
            return Admission.refuse("bad room name");
        }
        Map<String, List<String>> parameters = request.getParameterMap();
        Long since;
        Long rev;
        try {
            since = since(first(parameters, "since"));
        } catch (IllegalArgumentException e) {
            return Admission.refuse("since must be a non-negative whole number");
        }
        try {
            rev = since(first(parameters, "rev"));
        } catch (IllegalArgumentException e) {
            return Admission.refuse("rev must be a non-negative whole number");
        }
        try {
            Identity identity = verifier.get().verify(first(parameters, "access_token"));
            if (!identity.groups().contains(Identity.USER) && !identity.groups().contains(Identity.ADMIN)) {
                return Admission.refuse("forbidden: the token grants no chat role");
            }
            return Admission.admit(identity, room, since, rev);
        } catch (TokenVerifier.InvalidTokenException e) {
            return Admission.refuse("unauthorized: " + e.getMessage());
        }
    }

    /** A bean looked up at first use and kept: a CDI look-up per handshake was a cost every connection paid. */
    private static final class LookedUpOnce<T> {
        private final Class<T> type;
        private volatile T bean;

        LookedUpOnce(Class<T> type) {
            this.type = type;
        }

        T get() {
            T found = bean;
            if (found == null) {
                found = CDI.current().select(type).get();
                bean = found;
            }
            return found;
        }
    }

    private OriginPolicy origins() {
        OriginPolicy policy = origins;
        if (policy == null) {
            policy = new OriginPolicy(ConfigProvider.getConfig()
                    .getOptionalValue("chat.allowed.origins", String.class)
                    .orElse(null));
            origins = policy;
        }
        return policy;
    }

    private static Long since(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long since = Long.parseLong(value);
            if (since < 0) {
                throw new IllegalArgumentException();
            }
            return since;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String roomOf(String path) {
        if (path == null) {
            return null;
        }
        int at = path.indexOf(PATH_PREFIX);
        if (at < 0) {
            return null;
        }
        String room = path.substring(at + PATH_PREFIX.length());
        return room.endsWith("/") ? room.substring(0, room.length() - 1) : room;
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null
                    && entry.getKey().equalsIgnoreCase(name)
                    && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
