package dev.parley.chat.room.entity;

import java.io.Serializable;
import java.util.Objects;

/** The composite key (room, user) of what a room keeps per user: bans, read markers. */
public class RoomUserKey implements Serializable {
    private static final long serialVersionUID = 1L;
    private String room;
    private String userId;

    public RoomUserKey() {}

    public RoomUserKey(String room, String userId) {
        this.room = room;
        this.userId = userId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoomUserKey key && Objects.equals(room, key.room) && Objects.equals(userId, key.userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(room, userId);
    }
}
