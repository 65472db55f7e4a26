package dev.parley.chat.cluster.control;

import dev.parley.chat.assistant.control.TurnGate;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The assistant's turn in a room as a Redis lock: the node that answers holds it and renews it
 * while it streams; the others wait for it. If that node dies, the lock runs out after
 * {@code hold} and the next node goes on. While Redis is unreachable each node answers on its own
 * (one reply at a time per node), rather than not at all.
 */
public final class RedisTurnGate implements TurnGate {

    private static final Logger LOG = Logger.getLogger(RedisTurnGate.class.getName());
    private static final long WAIT_STEP_MILLIS = 100;

    private static final String RENEW =
            """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """;

    private static final String RELEASE =
            """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private final RedisLink link;
    private final ClusterKeys keys;
    private final long holdMillis;
    private final ScheduledExecutorService renewals;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    public RedisTurnGate(RedisLink link, ClusterKeys keys, Duration hold, ScheduledExecutorService renewals) {
        this.link = link;
        this.keys = keys;
        this.holdMillis = hold.toMillis();
        this.renewals = renewals;
    }

    @Override
    public void enter(String room) throws InterruptedException {
        String token = keys.node() + ":" + UUID.randomUUID();
        String key = keys.turn(room);
        while (true) {
            try {
                if ("OK".equals(link.sync().set(key, token, SetArgs.Builder.nx().px(holdMillis)))) {
                    long every = Math.max(1, holdMillis / 3);
                    ScheduledFuture<?> renewal = renewals.scheduleWithFixedDelay(
                            () -> renew(key, token), every, every, TimeUnit.MILLISECONDS);
                    held.put(room, new Held(key, token, renewal));
                    return;
                }
            } catch (RuntimeException unreachable) {
                LOG.log(Level.FINE, "turn lock unavailable; answering without it", unreachable);
                held.put(room, new Held(key, token, null));
                return;
            }
            Thread.sleep(WAIT_STEP_MILLIS);
        }
    }

    @Override
    public void leave(String room) {
        Held turn = held.remove(room);
        if (turn == null) {
            return;
        }
        if (turn.renewal() != null) {
            turn.renewal().cancel(false);
        }
        try {
            link.sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {turn.key()}, turn.token());
        } catch (RuntimeException unreachable) {
            LOG.log(Level.FINE, "could not free the turn lock; it runs out by itself", unreachable);
        }
    }

    private void renew(String key, String token) {
        try {
            link.sync().eval(RENEW, ScriptOutputType.INTEGER, new String[] {key}, token, String.valueOf(holdMillis));
        } catch (RuntimeException unreachable) {
            LOG.log(Level.FINE, "could not renew the turn lock", unreachable);
        }
    }

    private record Held(String key, String token, ScheduledFuture<?> renewal) {}
}
