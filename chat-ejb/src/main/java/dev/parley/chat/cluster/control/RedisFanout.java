package dev.parley.chat.cluster.control;

import dev.parley.chat.room.control.Fanout;
import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomSignal;

/**
 * Fan-out through one Redis channel. Every node, the publishing one included, delivers what the
 * channel brings, so all nodes see a room's frames in the one order Redis received them. When
 * Redis cannot take a frame, this node's own connections still get it (cross-node delivery is
 * then interrupted, and the {@code Cluster} makes clients catch up once Redis is back).
 */
public final class RedisFanout implements Fanout {

    private final RedisLink link;
    private final Fanout local;

    public RedisFanout(RedisLink link, Fanout local) {
        this.link = link;
        this.local = local;
    }

    @Override
    public void publish(RoomBroadcast broadcast) {
        link.publish(FanoutWire.broadcast(broadcast), () -> local.publish(broadcast));
    }

    @Override
    public void signal(RoomSignal signal) {
        link.publish(FanoutWire.signal(signal), () -> local.signal(signal));
    }
}
