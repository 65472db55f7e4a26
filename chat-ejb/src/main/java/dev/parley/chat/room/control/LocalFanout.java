package dev.parley.chat.room.control;

import dev.parley.chat.room.entity.Broadcast;
import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomSignal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/**
 * Hands frames and signals to this node's beans. On a single node it is the {@link Fanout}; with
 * Redis, each node uses it for what arrives from the channel (see {@code FanoutSelection}).
 */
@ApplicationScoped
@Typed(LocalFanout.class)
public class LocalFanout implements Fanout {

    @Inject
    @Broadcast
    Event<RoomBroadcast> delivery;

    @Inject
    @Broadcast
    Event<RoomSignal> signals;

    @Override
    public void publish(RoomBroadcast broadcast) {
        delivery.fire(broadcast);
    }

    @Override
    public void signal(RoomSignal signal) {
        signals.fire(signal);
    }
}
