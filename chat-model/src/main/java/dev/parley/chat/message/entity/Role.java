package dev.parley.chat.message.entity;

/** Who wrote a message. */
public enum Role {
    USER,
    ASSISTANT,
    SYSTEM;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
