package dev.parley.chat.room.entity;

/**
 * A change every node must act on, carried like a {@link RoomBroadcast} but not sent to clients:
 * each node fires it as a {@code @Broadcast} CDI event for its own beans.
 */
public record RoomSignal(String room, Kind kind) {

    public enum Kind {
        /** The room's settings changed: drop cached settings, close connections no longer allowed in. */
        SETTINGS_CHANGED,
        /** An assistant reply was tallied: live usage feeds send the new totals. */
        USAGE_CHANGED,
        /** Someone asked to stop the reply streaming in the room: the node that streams it stops. */
        STOP_ASSISTANT
    }
}
