package dev.parley.chat.cluster.control;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.presence.control.PresenceDirectory;
import dev.parley.chat.presence.control.PresenceState;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Presence of all nodes in Redis. Per room, one hash: {@code u:<user>} holds the user as JSON,
 * {@code n:<user>} their connections per node ({@code "node=count node=count"}). A node counts as alive while
 * its heartbeat in the {@code nodes} sorted set is fresher than the expiry, so a node that died
 * stops counting at once and is swept out by a survivor. Each change is one Lua script: two nodes
 * can never both see a user's "first" connection. Times are Redis's own clock, not the nodes'.
 */
public final class RedisPresence implements PresenceDirectory {

    /** Made once: {@code Json.createX} looks its provider up through the ServiceLoader on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private static final String ALIVE_SINCE =
            """
            local t = redis.call('TIME')
            local alive = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV_EXPIRY)
            local function live(node)
              local seen = redis.call('ZSCORE', KEYS[2], node)
              return seen ~= false and seen ~= nil and tonumber(seen) >= alive
            end
            """;

    /** Parses a user's {@code n:} field, "node=count node=count", keeping live nodes only (and this one). */
    private static final String TOKENS =
            """
            local function tokens(value, self)
              local out = {}
              for node, count in string.gmatch(value or '', '(%S+)=(%d+)') do
                if node == self or live(node) then out[node] = tonumber(count) end
              end
              return out
            end
            local function join(nodes)
              local parts = {}
              for node, count in pairs(nodes) do
                if count > 0 then table.insert(parts, node .. '=' .. count) end
              end
              return table.concat(parts, ' ')
            end
            local function total(nodes)
              local sum = 0
              for _, count in pairs(nodes) do sum = sum + count end
              return sum
            end
            """;

    /** One more connection of the user on this node; 1 if they had none on any live node before. */
    private static final String ARRIVED = ALIVE_SINCE.replace("ARGV_EXPIRY", "ARGV[5]")
            + TOKENS
            + """
            local field = 'n:' .. ARGV[1]
            local nodes = tokens(redis.call('HGET', KEYS[1], field), ARGV[2])
            local before = total(nodes)
            nodes[ARGV[2]] = (nodes[ARGV[2]] or 0) + 1
            redis.call('HSET', KEYS[1], field, join(nodes), 'u:' .. ARGV[1], ARGV[3])
            redis.call('SADD', KEYS[3], ARGV[4])
            if before == 0 then return 1 else return 0 end
            """;

    /** One connection less of the user on this node; 1 if that was their last on any live node. */
    private static final String DEPARTED = ALIVE_SINCE.replace("ARGV_EXPIRY", "ARGV[3]")
            + TOKENS
            + """
            local field = 'n:' .. ARGV[1]
            local nodes = tokens(redis.call('HGET', KEYS[1], field), ARGV[2])
            if not nodes[ARGV[2]] then return 0 end
            nodes[ARGV[2]] = nodes[ARGV[2]] - 1
            if total(nodes) > 0 then
              redis.call('HSET', KEYS[1], field, join(nodes))
              return 0
            end
            redis.call('HDEL', KEYS[1], field, 'u:' .. ARGV[1])
            return 1
            """;

    /** The room's members on live nodes: user JSON and connection count, alternating. */
    private static final String MEMBERS = ALIVE_SINCE.replace("ARGV_EXPIRY", "ARGV[1]")
            + TOKENS
            + """
            local all = redis.call('HGETALL', KEYS[1])
            local users = {}
            for i = 1, #all, 2 do
              if string.sub(all[i], 1, 2) == 'u:' then users[string.sub(all[i], 3)] = all[i + 1] end
            end
            local out = {}
            for i = 1, #all, 2 do
              if string.sub(all[i], 1, 2) == 'n:' then
                local count = total(tokens(all[i + 1], nil))
                local user = users[string.sub(all[i], 3)]
                if count > 0 and user then
                  table.insert(out, user)
                  table.insert(out, tostring(count))
                end
              end
            end
            return out
            """;

    /** Takes one node out of a room; returns the users who are now in it on no live node. */
    private static final String SWEEP = ALIVE_SINCE.replace("ARGV_EXPIRY", "ARGV[2]")
            + TOKENS
            + """
            local all = redis.call('HGETALL', KEYS[1])
            local users = {}
            for i = 1, #all, 2 do
              if string.sub(all[i], 1, 2) == 'u:' then users[string.sub(all[i], 3)] = all[i + 1] end
            end
            local left = {}
            for i = 1, #all, 2 do
              local field = all[i]
              if string.sub(field, 1, 2) == 'n:' and string.find(all[i + 1], ARGV[1] .. '=', 1, true) then
                local nodes = tokens(all[i + 1], nil)
                nodes[ARGV[1]] = nil
                if total(nodes) > 0 then
                  redis.call('HSET', KEYS[1], field, join(nodes))
                else
                  local id = string.sub(field, 3)
                  redis.call('HDEL', KEYS[1], field, 'u:' .. id)
                  if users[id] then table.insert(left, users[id]) end
                end
              end
            end
            return left
            """;

    /** Beats for this node (Redis time); answers whether it was new and which nodes stopped beating. */
    private static final String HEARTBEAT =
            """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local added = redis.call('ZADD', KEYS[1], now, ARGV[1])
            local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
            table.insert(dead, 1, tostring(added))
            return dead
            """;

    private final RedisLink link;
    private final ClusterKeys keys;
    private final String expiryMillis;

    public RedisPresence(RedisLink link, ClusterKeys keys, Duration nodeExpiry) {
        this.link = link;
        this.keys = keys;
        this.expiryMillis = String.valueOf(nodeExpiry.toMillis());
    }

    @Override
    public boolean arrived(String room, ChatUser user) {
        Long first = link.sync()
                .eval(
                        ARRIVED,
                        ScriptOutputType.INTEGER,
                        new String[] {keys.presence(room), keys.nodes(), keys.roomsOf(keys.node())},
                        user.id(),
                        keys.node(),
                        toJson(user),
                        room,
                        expiryMillis);
        return first == 1L;
    }

    @Override
    public boolean departed(String room, ChatUser user) {
        Long last = link.sync()
                .eval(
                        DEPARTED,
                        ScriptOutputType.INTEGER,
                        new String[] {keys.presence(room), keys.nodes()},
                        user.id(),
                        keys.node(),
                        expiryMillis);
        return last == 1L;
    }

    @Override
    public Optional<List<PresenceState.Member>> members(String room) {
        List<String> flat = link.sync()
                .eval(MEMBERS, ScriptOutputType.MULTI, new String[] {keys.presence(room), keys.nodes()}, expiryMillis);
        List<PresenceState.Member> members = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            members.add(new PresenceState.Member(fromJson(flat.get(i)), Integer.parseInt(flat.get(i + 1))));
        }
        return Optional.of(members);
    }

    /** This node's id. */
    public String node() {
        return keys.node();
    }

    /** Records this node's heartbeat. */
    public Beat beat() {
        List<String> reply = link.sync()
                .eval(HEARTBEAT, ScriptOutputType.MULTI, new String[] {keys.nodes()}, keys.node(), expiryMillis);
        return new Beat("1".equals(reply.get(0)), reply.subList(1, reply.size()));
    }

    /** True for the one node that may sweep {@code dead} out (the lock outlives a sweep). */
    public boolean lockSweep(String dead) {
        String locked = link.sync()
                .set(keys.sweepLock(dead), keys.node(), SetArgs.Builder.nx().px(3 * Long.parseLong(expiryMillis)));
        return "OK".equals(locked);
    }

    /**
     * Takes {@code node} (dead, or this one after an interruption) out of every room's presence;
     * returns, per room, the users who are thereby in it nowhere.
     */
    public Map<String, List<ChatUser>> sweepNode(String node) {
        Map<String, List<ChatUser>> left = new LinkedHashMap<>();
        for (String room : link.sync().smembers(keys.roomsOf(node))) {
            List<String> users = link.sync()
                    .eval(
                            SWEEP,
                            ScriptOutputType.MULTI,
                            new String[] {keys.presence(room), keys.nodes()},
                            node,
                            expiryMillis);
            if (!users.isEmpty()) {
                left.put(room, users.stream().map(RedisPresence::fromJson).toList());
            }
        }
        link.sync().del(keys.roomsOf(node));
        return left;
    }

    /** Drops a dead node from the node list, once its users were swept out. */
    public void forget(String node) {
        link.sync().zrem(keys.nodes(), node);
    }

    /** A heartbeat's answer: was this node missing from the list, and who stopped beating. */
    public record Beat(boolean added, List<String> deadNodes) {}

    private static String toJson(ChatUser user) {
        return BUILDERS.createObjectBuilder()
                .add("id", user.id())
                .add("name", user.name())
                .build()
                .toString();
    }

    private static ChatUser fromJson(String json) {
        try (var reader = READERS.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            return new ChatUser(object.getString("id"), object.getString("name"));
        }
    }
}
