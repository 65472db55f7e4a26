package dev.parley.chat.identity.control;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The dev login's rules for names, and the stable user id each name gets. */
public final class DevNames {

    public static final int MAX_LENGTH = 64;

    private DevNames() {}

    /** The trimmed name, or an exception saying what is wrong with it. */
    public static String validate(String name) {
        if (name == null || name.strip().isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        String trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("name must be at most " + MAX_LENGTH + " characters");
        }
        if (trimmed.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new IllegalArgumentException("name must not contain control characters");
        }
        return trimmed;
    }

    /** The same name always gets the same id. */
    public static String userId(String trimmedName) {
        return UUID.nameUUIDFromBytes(("parley-dev:" + trimmedName).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
