package dev.parley.chat.protocol.entity;

/**
 * Any frame a client sends; which fields matter depends on {@code type}. Boxed types so that a
 * missing field reads as null instead of failing the whole frame.
 */
public record ClientFrame(
        String type,
        String id,
        String body,
        Boolean typing,
        Double x,
        Double y,
        String emoji,
        String replyTo,
        Double seq,
        Double since) {

    public ClientFrame(String type, String id, String body, Boolean typing, Double x, Double y) {
        this(type, id, body, typing, x, y, null, null, null, null);
    }
}
