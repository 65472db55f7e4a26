package dev.parley.chat.room.control;

import dev.parley.chat.message.control.RoomBroadcasts;
import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomSignal;

/**
 * Carries a room's frames and signals to every node that has connections in the room. Each node
 * hands what it receives to its own beans through {@code @Broadcast} CDI events.
 */
public interface Fanout extends RoomBroadcasts {

    @Override
    void publish(RoomBroadcast broadcast);

    void signal(RoomSignal signal);
}
