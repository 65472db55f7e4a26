package dev.parley.chat.room.entity;

/**
 * A frame for connections in a room, serialized once. {@code exceptConnectionId} (or null) is the
 * connection that caused it; {@code toUserId} (or null for everyone) limits it to one user's
 * connections; {@code seq} is the message seq it carries, or 0; {@code streamIndex} is the index of
 * an assistant delta, or 0.
 */
public record RoomBroadcast(
        String room, String json, long seq, String exceptConnectionId, String toUserId, long streamIndex) {

    public RoomBroadcast(String room, String json, long seq, String exceptConnectionId) {
        this(room, json, seq, exceptConnectionId, null, 0);
    }

    public static RoomBroadcast toAll(String room, String json) {
        return new RoomBroadcast(room, json, 0, null, null, 0);
    }

    public static RoomBroadcast toUser(String room, String userId, String json) {
        return new RoomBroadcast(room, json, 0, null, userId, 0);
    }

    public static RoomBroadcast delta(String room, String json, long streamIndex) {
        return new RoomBroadcast(room, json, 0, null, null, streamIndex);
    }
}
