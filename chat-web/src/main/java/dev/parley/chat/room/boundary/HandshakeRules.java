package dev.parley.chat.room.boundary;

import dev.parley.chat.identity.control.TokenVerifier;
import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.platform.boundary.OriginPolicy;
import dev.parley.chat.room.entity.RoomName;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Whether a room (or usage feed) connection may open: a verified token with a chat role, a valid
 * room name and resume point, an allowed Origin. Asked before the upgrade by {@link
 * HandshakeRefusal} and, where no filter ran before the container's upgrade, by {@link
 * HandshakeGuard} during it.
 */
final class HandshakeRules {

    static final HandshakeRules SHARED = new HandshakeRules();

    /** The query parameter that carries the token (browsers cannot set headers on a WebSocket). */
    static final String TOKEN_PARAMETER = "access_token";

    private static final String PATH_PREFIX = "/ws/rooms/";
    private static final String USAGE_PATH = "/ws/usage";

    private final LookedUpOnce<TokenVerifier> verifier = new LookedUpOnce<>(TokenVerifier.class);
    private volatile OriginPolicy origins;

    private HandshakeRules() {}

    /**
     * @param rawPath the request path as sent (not decoded)
     * @param parameter a query parameter's first value, or null
     */
    Admission decide(String origin, String host, String rawPath, UnaryOperator<String> parameter) {
        if (!origins().allows(origin, host)) {
            return Admission.refuse(Admission.FORBIDDEN, "forbidden: origin not allowed");
        }
        String room = roomOf(rawPath);
        boolean usageFeed = rawPath != null && rawPath.endsWith(USAGE_PATH);
        if (!usageFeed && !RoomName.isValid(room)) {
            return Admission.refuse(Admission.BAD_REQUEST, "bad room name");
        }
        Long since;
        Long rev;
        try {
            since = wholeNumber(parameter.apply("since"));
        } catch (IllegalArgumentException e) {
            return Admission.refuse(Admission.BAD_REQUEST, "since must be a non-negative whole number");
        }
        try {
            rev = wholeNumber(parameter.apply("rev"));
        } catch (IllegalArgumentException e) {
            return Admission.refuse(Admission.BAD_REQUEST, "rev must be a non-negative whole number");
        }
        try {
            Identity identity = verifier.get().verify(parameter.apply(TOKEN_PARAMETER));
            if (!identity.groups().contains(Identity.USER) && !identity.groups().contains(Identity.ADMIN)) {
                return Admission.refuse(Admission.FORBIDDEN, "forbidden: the token grants no chat role");
            }
            return Admission.admit(identity, room, since, rev);
        } catch (TokenVerifier.InvalidTokenException e) {
            return Admission.refuse(Admission.UNAUTHORIZED, "unauthorized: " + e.getMessage());
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

    private static Long wholeNumber(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                throw new IllegalArgumentException();
            }
            return number;
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

    /** A bean looked up at first use and kept: a CDI look-up per handshake was a cost every connection paid. */
    static final class LookedUpOnce<T> {
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
}
