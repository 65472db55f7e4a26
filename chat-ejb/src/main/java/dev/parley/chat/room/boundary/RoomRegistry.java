package dev.parley.chat.room.boundary;

import dev.parley.chat.platform.boundary.Metrics;
import dev.parley.chat.room.control.Connection;
import dev.parley.chat.room.control.OutboundFrame;
import dev.parley.chat.room.control.SeqOrder;
import dev.parley.chat.room.entity.Broadcast;
import dev.parley.chat.room.entity.RoomBroadcast;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

    @Inject
    Metrics metrics;

    private final Map<String, Integer> perUser = new ConcurrentHashMap<>();
    private Counter deliveries;

    /** Created at deployment, so that its meters are on /metrics from the start. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object ready) {
        // creating the bean is the point
    }

    @PostConstruct
    void registerMeters() {
        deliveries = metrics.counter("parley.deliveries", "Frames handed to this node's connections");
        Gauge.builder("parley.connections", this, RoomRegistry::connections)
                .description("Open room connections on this node")
                .strongReference(true)
                .register(metrics.registry());
        Gauge.builder("parley.rooms.active", this, RoomRegistry::activeRooms)
                .description("Rooms with at least one connection on this node")
                .strongReference(true)
                .register(metrics.registry());
        Gauge.builder("parley.outbox.queued", this, RoomRegistry::queuedFrames)
                .description("Frames waiting in this node's connection outboxes")
                .strongReference(true)
                .register(metrics.registry());
    }

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

    /** Every connection on this node, without copying them into a list first. */
    public void forEach(Consumer<Connection> action) {
        for (Set<Connection> room : rooms.values()) {
            room.forEach(action);
        }
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
        int handed = 0;
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
                handed++;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "delivery to a connection failed", e);
            }
        }
        deliveries.increment(handed);
    }

    /** Closes (1008, policy) each of the room's connections for which {@code reason} gives a reason, not null. */
    public void closeEach(String room, java.util.function.Function<Connection, String> reason) {
        Set<Connection> connections = rooms.get(room);
        if (connections == null) {
            return;
        }
        for (Connection connection : List.copyOf(connections)) {
            String why = reason.apply(connection);
            if (why != null) {
                connection.outbox().close(1008, why);
            }
        }
    }

    public int connections() {
        return rooms.values().stream().mapToInt(Set::size).sum();
    }

    public int activeRooms() {
        return rooms.size();
    }

    /** Frames waiting in this node's outboxes, over all connections. */
    public long queuedFrames() {
        long queued = 0;
        for (Set<Connection> connections : rooms.values()) {
            for (Connection connection : connections) {
                queued += connection.outbox().pending();
            }
        }
        return queued;
    }

    /** This node's connections of one user, in every room. */
    public List<Connection> ofUser(String userId) {
        return all().stream()
                .filter(connection -> connection.identity().id().equals(userId))
                .toList();
    }

    /** Rooms with connections on this node, and how many each. */
    public Map<String, Integer> roomSizes() {
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        rooms.forEach((room, connections) -> sizes.put(room, connections.size()));
        return sizes;
    }
}
