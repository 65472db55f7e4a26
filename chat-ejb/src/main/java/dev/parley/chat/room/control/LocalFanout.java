package dev.parley.chat.room.control;

import dev.parley.chat.room.entity.Broadcast;
import dev.parley.chat.room.entity.RoomBroadcast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Fan-out for a single node: straight to this node's connections. */
@ApplicationScoped
public class LocalFanout implements Fanout {

    @Inject
    @Broadcast
    Event<RoomBroadcast> delivery;

    @Override
    public void publish(RoomBroadcast broadcast) {
        delivery.fire(broadcast);
    }
}
