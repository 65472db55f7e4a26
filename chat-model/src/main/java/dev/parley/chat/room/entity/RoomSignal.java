package dev.parley.chat.room.entity;

/**
 * A change every node must act on, carried like a {@link RoomBroadcast} but not sent to clients:
 * each node fires it as a {@code @Broadcast} CDI event for its own beans. {@code room} is empty for
 * a signal about every room; {@code subject} (or null) names whom it concerns, e.g. a user's id.
 */
public record RoomSignal(String room, Kind kind, String subject) {

    public RoomSignal(String room, Kind kind) {
        this(room, kind, null);
    }

    public enum Kind {
        /**
         * The room's settings, closure or removals changed: drop cached settings, close connections
         * no longer allowed in.
         */
        SETTINGS_CHANGED,
        /** An assistant reply was tallied: live usage feeds send the new totals. */
        USAGE_CHANGED,
        /** Someone asked to stop the reply streaming in the room: the node that streams it stops. */
        STOP_ASSISTANT,
        /** An administrator disconnects the user {@code subject} (from {@code room}, or everywhere). */
        DISCONNECT_USER,
        /** An operator paused the assistant on every node ({@code subject} "true") or resumed it ("false"). */
        ASSISTANT_PAUSED
    }
}
