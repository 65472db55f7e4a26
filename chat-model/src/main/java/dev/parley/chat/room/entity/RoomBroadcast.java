package dev.parley.chat.room.entity;

/**
 * A frame for every connection in a room, serialized once. {@code exceptConnectionId} (or null)
 * is the connection that caused it; {@code seq} is the message seq it carries, or 0.
 */
public record RoomBroadcast(String room, String json, long seq, String exceptConnectionId) {

    public static RoomBroadcast toAll(String room, String json) {
        return new RoomBroadcast(room, json, 0, null);
    }
}
