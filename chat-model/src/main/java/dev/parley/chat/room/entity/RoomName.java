package dev.parley.chat.room.entity;

import java.util.regex.Pattern;

/** The contract's room name rule: {@code ^[a-z0-9][a-z0-9-]{0,63}$}. */
public final class RoomName {

    private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");

    private RoomName() {}

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
