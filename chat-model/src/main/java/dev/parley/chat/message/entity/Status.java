package dev.parley.chat.message.entity;

/** Where a message is in its life; only assistant replies are ever anything but complete. */
public enum Status {
    COMPLETE,
    STREAMING,
    STOPPED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
