package dev.parley.chat.room.boundary;

import dev.parley.chat.room.control.Connection;
import dev.parley.chat.room.control.OutboundFrame;
import dev.parley.chat.room.control.SeqOrder;
import dev.parley.chat.room.entity.Broadcast;
import dev.parley.chat.room.entity.RoomBroadcast;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's open connections by room, and the delivery of room broadcasts to them.
 *
 * <p>A plain CDI bean, not an EJB: it holds only in-memory state and is called for every
 * broadcast, and an EJB observer costs a bean lookup plus the interceptor chain on each one (about
 * a tenth of the server's CPU under chat load, docs/benchmarks.md).
 */
@ApplicationScoped
public class RoomRegistry {

    private static final Logger LOG = Logger.getLogger(RoomRegistry.class.getName());

    private final Map<String, Set<Connection>> rooms = new ConcurrentHashMap<>();
    private final Map<String, SeqOrder<RoomBroadcast>> orders = new ConcurrentHashMap<>();

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** How long a message after a gap in seq waits for the missing one (published late, or never). */
    @Inject
    @ConfigProperty(name = "chat.fanout.reorder.wait", defaultValue = "PT0.2S")
    Duration reorderWait;

    private final Map<String, Integer> perUser = new ConcurrentHashMap<>();

    /** Registers the connection unless its user already has {@code maxPerUser} open on this node. */
    public boolean add(Connection connection, int maxPerUser) {
        boolean[] admitted = {false};
        perUser.compute(connection.identity().id(), (user, open) -> {
            int count = open == null ? 0 : open;
            admitted[0] = count < maxPerUser;
            return admitted[0] ? count + 1 : open;
        });
        if (admitted[0]) {
            rooms.computeIfAbsent(connection.room(), room -> ConcurrentHashMap.newKeySet())
                    .add(connection);
        }
        return admitted[0];
    }

    /** Removes the connection; false if it was not registered (already removed). */
    public boolean remove(Connection connection) {
        boolean[] removed = {false};
        rooms.computeIfPresent(connection.room(), (room, connections) -> {
            removed[0] = connections.remove(connection);
            if (connections.isEmpty()) {
                orders.remove(room); // whoever comes next starts from the room's seq then
                return null;
            }
            return connections;
        });
        if (removed[0]) {
            perUser.computeIfPresent(connection.identity().id(), (user, open) -> open <= 1 ? null : open - 1);
        }
        return removed[0];
    }

    /** Every connection of this node, at this moment. */
    public List<Connection> all() {
        return rooms.values().stream().flatMap(Set::stream).toList();
    }

    /**
     * Hands a broadcast to every local connection of its room, in seq order ({@link SeqOrder}: a
     * message published out of order waits up to {@code chat.fanout.reorder.wait} for the one
     * before it); one failing connection stops nobody else.
     */
    public void deliver(@Observes @Broadcast RoomBroadcast broadcast) {
        if (!rooms.containsKey(broadcast.room())) {
            return;
        }
        SeqOrder<RoomBroadcast> order =
                orders.computeIfAbsent(broadcast.room(), room -> new SeqOrder<>(RoomBroadcast::seq));
        boolean waiting;
        synchronized (order) {
            waiting = order.offer(broadcast, this::send);
        }
        if (waiting) {
            scheduler.schedule(
                    () -> {
                        synchronized (order) {
                            order.release(this::send);
                        }
                    },
                    reorderWait.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void send(RoomBroadcast broadcast) {
        Set<Connection> connections = rooms.get(broadcast.room());
        if (connections == null) {
            return;
        }
        OutboundFrame frame = new OutboundFrame(broadcast.json(), broadcast.seq(), broadcast.streamIndex());
        for (Connection connection : connections) {
            if (connection.id().equals(broadcast.exceptConnectionId())
                    || broadcast.toUserId() != null
                            && !broadcast
                                    .toUserId()
                                    .equals(connection.identity().id())) {
                continue;
            }
            try {
                connection.send(frame);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "delivery to a connection failed", e);
            }
        }
    }

    /** Closes the room's connections that match, e.g. users who lost access to it. */
    public void close(String room, Predicate<Connection> which, int code, String reason) {
        Set<Connection> connections = rooms.get(room);
        if (connections == null) {
            return;
        }
        for (Connection connection : List.copyOf(connections)) {
            if (which.test(connection)) {
                connection.outbox().close(code, reason);
            }
        }
    }

    public int connections() {
        return rooms.values().stream().mapToInt(Set::size).sum();
    }

    public int activeRooms() {
        return rooms.size();
    }
}
