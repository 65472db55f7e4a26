package dev.parley.chat.message.control;

import dev.parley.chat.protocol.entity.ErrorCode;
import java.util.Optional;
import java.util.regex.Pattern;

/** What makes a user message acceptable before it is stored. */
public final class MessageRules {

    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final int maxBodyCodePoints;

    public MessageRules(int maxBodyCodePoints) {
        this.maxBodyCodePoints = maxBodyCodePoints;
    }

    /** The reason a message is refused, if it is. */
    public Optional<Violation> check(String id, String body) {
        if (id == null || !UUID.matcher(id).matches()) {
            return Optional.of(new Violation(ErrorCode.BAD_REQUEST, "a message needs an id that is a UUID"));
        }
        if (body == null || body.isBlank()) {
            return Optional.of(new Violation(ErrorCode.BAD_REQUEST, "a message needs a body that is not blank"));
        }
        if (body.length() > maxBodyCodePoints && body.codePointCount(0, body.length()) > maxBodyCodePoints) {
            return Optional.of(new Violation(
                    ErrorCode.TOO_LARGE, "a message body is at most " + maxBodyCodePoints + " characters"));
        }
        return Optional.empty();
    }

    /** Whether this is a message id as clients choose them: a UUID. */
    public static boolean isId(String id) {
        return id != null && UUID.matcher(id).matches();
    }

    /** Canonical form of a client id, so that case does not make a retry look new. */
    public static String normalizeId(String id) {
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    public record Violation(ErrorCode code, String message) {}
}
