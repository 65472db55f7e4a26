package dev.parley.chat.room.boundary;

import dev.parley.chat.room.control.Connection;
import dev.parley.chat.room.control.OutboundFrame;
import dev.parley.chat.room.entity.Broadcast;
import dev.parley.chat.room.entity.RoomBroadcast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

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
            return connections.isEmpty() ? null : connections;
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

    /** Hands a broadcast to every local connection of its room; one failing connection stops nobody else. */
    public void deliver(@Observes @Broadcast RoomBroadcast broadcast) {
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
