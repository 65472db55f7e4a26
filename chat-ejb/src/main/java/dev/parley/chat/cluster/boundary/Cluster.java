package dev.parley.chat.cluster.boundary;

import dev.parley.chat.assistant.control.TurnGate;
import dev.parley.chat.cluster.control.ClusterKeys;
import dev.parley.chat.cluster.control.FanoutReceiver;
import dev.parley.chat.cluster.control.FanoutWire;
import dev.parley.chat.cluster.control.RedisFanout;
import dev.parley.chat.cluster.control.RedisLink;
import dev.parley.chat.cluster.control.RedisPresence;
import dev.parley.chat.cluster.control.RedisTurnGate;
import dev.parley.chat.platform.config.DevSigningKey;
import dev.parley.chat.platform.config.Settings;
import dev.parley.chat.presence.control.PresenceDirectory;
import dev.parley.chat.protocol.control.FrameCodec;
import dev.parley.chat.protocol.entity.Frames;
import dev.parley.chat.room.boundary.RoomRegistry;
import dev.parley.chat.room.control.Connection;
import dev.parley.chat.room.control.Fanout;
import dev.parley.chat.room.control.LocalFanout;
import dev.parley.chat.room.entity.RoomBroadcast;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node as a member of a cluster on Redis ({@code chat.redis.url}), or alone without it. It
 * chooses the {@link Fanout}, the {@link PresenceDirectory} and the assistant's {@link TurnGate}
 * every other bean uses, and keeps
 * the node's membership true: a heartbeat that also proves the channel carries this node's own
 * messages back, a sweep that takes dead nodes' users out of presence, and, after Redis was
 * unreachable, a catch-up (this node's clients reconnect and resume with {@code since}).
 */
@ApplicationScoped
public class Cluster {

    /** Close code for "reconnect, something was interrupted" (RFC 6455: service restart). */
    public static final int SERVICE_RESTART = 1012;

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

    @Inject
    LocalFanout local;

    @Inject
    RoomRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "chat.redis.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "chat.redis.prefix", defaultValue = "parley")
    String prefix;

    @Inject
    @ConfigProperty(name = "chat.redis.timeout", defaultValue = "PT2S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "chat.redis.heartbeat", defaultValue = "PT2S")
    Duration heartbeatInterval;

    @Inject
    @ConfigProperty(name = "chat.redis.node.expiry", defaultValue = "PT10S")
    Duration nodeExpiry;

    private final Map<Long, CompletableFuture<Void>> probes = new ConcurrentHashMap<>();

    private ClusterKeys keys;
    private RedisLink link;
    private RedisFanout fanout;
    private RedisPresence presence;
    private RedisTurnGate turnGate;
    private ScheduledFuture<?> heartbeat;
    private boolean registered;

    @PostConstruct
    void start() {
        if (url.isEmpty()) {
            return;
        }
        keys = new ClusterKeys(prefix, UUID.randomUUID().toString());
        link = new RedisLink(
                url.get(),
                timeout,
                keys.channel(),
                new FanoutReceiver(keys.node(), local, executor, this::probeCameBack));
        fanout = new RedisFanout(link, local);
        presence = new RedisPresence(link, keys, nodeExpiry);
        turnGate = new RedisTurnGate(link, keys, nodeExpiry, scheduler);
        beat(); // before any client connects: join the cluster, or start degraded
        long every = heartbeatInterval.toMillis();
        heartbeat = scheduler.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "Node {0} fans out through Redis ({1})", new Object[] {keys.node(), prefix});
    }

    /** Starts with the application, so that the node joins the cluster before its first client. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's only job is to instantiate the bean
    }

    @PreDestroy
    void stop() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (link != null) {
            link.close();
        }
    }

    @Produces
    @ApplicationScoped
    Fanout fanout() {
        return fanout != null ? fanout : local;
    }

    @Produces
    @ApplicationScoped
    PresenceDirectory presenceDirectory() {
        return presence != null ? presence : PresenceDirectory.LOCAL;
    }

    @Produces
    @ApplicationScoped
    TurnGate turnGate() {
        return turnGate != null ? turnGate : TurnGate.LOCAL;
    }

    /** Null without Redis; otherwise what the readiness check reports. */
    public Status status() {
        if (link == null) {
            return null;
        }
        String problem = link.problem();
        return new Status(
                keys.node(),
                problem,
                problem == null ? null : link.problemSince().toString());
    }

    private void probeCameBack(long nonce) {
        CompletableFuture<Void> waiting = probes.remove(nonce);
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    private void beat() {
        try {
            if (!link.connect()) {
                return;
            }
            RedisPresence.Beat beat = presence.beat();
            boolean forgotten = beat.added() && registered;
            registered = true;
            shareDevSigningKey();
            boolean interrupted = link.problem() != null || forgotten;
            if (!probeRoundTrip()) {
                link.failed("this node's own messages do not come back through Redis");
                return;
            }
            if (interrupted) {
                catchUp();
            }
            link.healed();
            for (String dead : beat.deadNodes()) {
                sweep(dead);
            }
        } catch (RuntimeException e) {
            link.failed(e.toString());
        }
    }

    private boolean probeRoundTrip() {
        long nonce = ThreadLocalRandom.current().nextLong();
        CompletableFuture<Void> back = new CompletableFuture<>();
        probes.put(nonce, back);
        link.publish(
                FanoutWire.probe(keys.node(), nonce), () -> back.completeExceptionally(new IllegalStateException()));
        try {
            back.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        } finally {
            probes.remove(nonce);
        }
    }

    /**
     * Frames of other nodes may have been lost while Redis was unreachable (or forgot this node):
     * this node's users leave presence, and its clients are closed so that they reconnect, resume
     * with {@code since} and announce themselves again.
     */
    private void catchUp() {
        sweepOut(keys.node());
        List<Connection> connections = registry.all();
        if (!connections.isEmpty()) {
            LOG.log(Level.INFO, "Reconnecting {0} clients so that they catch up", connections.size());
        }
        for (Connection connection : connections) {
            connection.outbox().close(SERVICE_RESTART, "cross-node delivery was interrupted; reconnect to catch up");
        }
    }

    /** Takes a dead node's users out of presence, once across the cluster (whoever holds the lock). */
    private void sweep(String dead) {
        if (!presence.lockSweep(dead)) {
            return;
        }
        LOG.log(Level.INFO, "Node {0} stopped beating; taking its users out of presence", dead);
        sweepOut(dead);
        presence.forget(dead);
    }

    private void sweepOut(String node) {
        presence.sweepNode(node)
                .forEach((room, left) -> left.forEach(
                        user -> fanout.publish(RoomBroadcast.toAll(room, FrameCodec.write(new Frames.Leave(user))))));
    }

    private void shareDevSigningKey() {
        if (!Settings.oidcMode()) {
            link.sync().setnx(DevSigningKey.clusterKeyName(prefix), DevSigningKey.encodedPrivateKey());
        }
    }

    /** This node's id and, while cross-node delivery is interrupted, why and since when. */
    public record Status(String node, String problem, String problemSince) {}
}
