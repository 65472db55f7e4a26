package dev.parley.chat.message.control;

import dev.parley.chat.room.entity.RoomBroadcast;

/** Where a stored message's frame goes to reach everyone in its room (the room's fan-out). */
public interface RoomBroadcasts {

    void publish(RoomBroadcast broadcast);
}
