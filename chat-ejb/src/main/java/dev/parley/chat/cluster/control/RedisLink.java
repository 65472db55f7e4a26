package dev.parley.chat.cluster.control;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.connection.DisconnectedEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One node's two connections to Redis (commands, and the fan-out subscription) and whether they
 * work. Lettuce reconnects and resubscribes by itself; while it is disconnected, commands fail at
 * once instead of queueing, so that callers fall back to serving this node without waiting.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisLink.class.getName());

    private final RedisURI uri;
    private final String channel;
    private final Consumer<String> receiver;
    private final ClientResources resources;
    private final RedisClient client;

    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile String problem = "not connected yet";
    private volatile Instant problemSince = Instant.now();

    public RedisLink(String url, Duration timeout, String channel, Consumer<String> receiver) {
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(timeout);
        this.channel = channel;
        this.receiver = receiver;
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                // with jitter, so that the nodes do not all knock at the same moment; at most 1 s
                // (Lettuce's default grows to 30 s: cross-node delivery would stay down that long)
                .reconnectDelay(
                        Delay.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(timeout)
                        .keepAlive(true)
                        .build())
                .build());
        resources.eventBus().get().subscribe(event -> {
            if (event instanceof DisconnectedEvent) {
                failed("the connection to Redis was lost");
            }
        });
    }

    /** Connects both connections if they are not yet; false (with {@link #problem()}) if Redis cannot be reached. */
    public synchronized boolean connect() {
        try {
            if (commands == null) {
                commands = client.connect(uri);
            }
            if (subscription == null) {
                StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub(uri);
                connection.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String from, String message) {
                        receiver.accept(message);
                    }
                });
                connection.sync().subscribe(channel);
                subscription = connection;
            }
            return true;
        } catch (RuntimeException e) {
            failed("Redis is unreachable: " + e.getMessage());
            return false;
        }
    }

    /** Synchronous commands; throws when Redis is not connected. */
    public RedisCommands<String, String> sync() {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null || !connection.isOpen()) {
            throw new IllegalStateException("not connected to Redis");
        }
        return connection.sync();
    }

    /** Publishes on the fan-out channel; {@code onFailure} runs (on some thread) if it cannot. */
    public void publish(String message, Runnable onFailure) {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null || !connection.isOpen()) {
            onFailure.run();
            return;
        }
        connection.async().publish(channel, message).whenComplete((receivers, error) -> {
            if (error != null) {
                failed("publishing to Redis failed: " + error.getMessage());
                onFailure.run();
            }
        });
    }

    public boolean connected() {
        StatefulRedisConnection<String, String> c = commands;
        StatefulRedisPubSubConnection<String, String> s = subscription;
        return c != null && c.isOpen() && s != null && s.isOpen();
    }

    /** What went wrong last, or null once {@link #healed()} was called. */
    public String problem() {
        return problem;
    }

    public Instant problemSince() {
        return problemSince;
    }

    /** Records a failure; the first one after a healthy spell is logged. */
    public void failed(String what) {
        if (problem == null) {
            problemSince = Instant.now();
            LOG.log(Level.WARNING, "Cross-node fan-out interrupted: {0}", what);
        }
        problem = what;
    }

    /** The link was proven to work end to end again. */
    public void healed() {
        if (problem != null) {
            LOG.log(Level.INFO, "Cross-node fan-out works (again)");
        }
        problem = null;
    }

    @Override
    public void close() {
        try {
            if (subscription != null) {
                subscription.close();
            }
            if (commands != null) {
                commands.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } finally {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
