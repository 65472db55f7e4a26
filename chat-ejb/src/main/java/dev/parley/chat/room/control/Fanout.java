package dev.parley.chat.room.control;

import dev.parley.chat.room.entity.RoomBroadcast;

/**
 * Carries a room's frames to every node that has connections in the room. Each node hands what it
 * receives to its own connections through the {@code @Broadcast} CDI event.
 */
public interface Fanout {

    void publish(RoomBroadcast broadcast);
}
