package dev.parley.chat.room.control;

/**
 * A serialized frame on its way to a connection. {@code seq} is the message seq it carries, or 0,
 * so that frames that raced with a history load can be dropped when the history already had them.
 */
public record OutboundFrame(String json, long seq) {

    public static OutboundFrame of(String json) {
        return new OutboundFrame(json, 0);
    }
}
