package dev.parley.chat.room.entity;

/** When the assistant answers in a room. */
public enum AssistantMode {
    /** Only messages that mention {@code @assistant}. */
    MENTION,
    /** Every user message. */
    ALWAYS,
    /** Never; mentions stay silent. */
    OFF;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AssistantMode fromWire(String value) {
        for (AssistantMode mode : values()) {
            if (mode.wireName().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("assistant must be one of mention, always, off");
    }
}
