package dev.parley.chat.platform.config;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Agrees on one dev signing key for all nodes that share a Redis: the first node to ask stores
 * its own key, every later one takes that. The running nodes write it back on each heartbeat, so
 * a Redis that restarted empty gets the key the cluster uses, not a new node's.
 */
final class ClusterDevKey {

    private static final Logger LOG = Logger.getLogger(ClusterDevKey.class.getName());

    private ClusterDevKey() {}

    /** The cluster's key (PKCS#8), or empty without Redis or when Redis cannot be reached. */
    static Optional<byte[]> agree(byte[] candidate) {
        Optional<String> url = Settings.get("chat.redis.url");
        if (url.isEmpty() || Settings.oidcMode()) {
            return Optional.empty();
        }
        String name =
                DevSigningKey.clusterKeyName(Settings.get("chat.redis.prefix").orElse("parley"));
        RedisURI uri = RedisURI.create(url.get());
        uri.setTimeout(Duration.ofSeconds(5));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            redis.setnx(name, Base64.getEncoder().encodeToString(candidate));
            return Optional.of(Base64.getDecoder().decode(redis.get(name)));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Cannot agree on the dev signing key through Redis ({0}); dev tokens of this node work only here",
                    e.getMessage());
            return Optional.empty();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
