package dev.parley.chat.cluster.control;

import dev.parley.chat.room.control.Fanout;
import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomSignal;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What a node does with each message from the fan-out channel: frames go to its connections at
 * once (on Redis's thread: delivery only queues), signals to its beans on a container thread
 * (their observers use the database), and its own probes back to the heartbeat.
 */
public final class FanoutReceiver implements Consumer<String>, FanoutWire.Handler {

    private final String node;
    private final Fanout local;
    private final Executor signals;
    private final LongConsumer ownProbe;

    public FanoutReceiver(String node, Fanout local, Executor signals, LongConsumer ownProbe) {
        this.node = node;
        this.local = local;
        this.signals = signals;
        this.ownProbe = ownProbe;
    }

    @Override
    public void accept(String message) {
        FanoutWire.read(message, this);
    }

    @Override
    public void broadcast(RoomBroadcast broadcast) {
        local.publish(broadcast);
    }

    @Override
    public void signal(RoomSignal signal) {
        signals.execute(() -> local.signal(signal));
    }

    @Override
    public void probe(String from, long nonce) {
        if (node.equals(from)) {
            ownProbe.accept(nonce);
        }
    }
}
