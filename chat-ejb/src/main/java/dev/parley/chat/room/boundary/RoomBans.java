package dev.parley.chat.room.boundary;

import dev.parley.chat.room.entity.RoomBan;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * This node's copy of the removals in force, so that opening a connection asks a map, not the
 * database. A room's entry is read again when its settings signal arrives (every node hears it),
 * and everything once a minute in case a signal was lost while Redis was away.
 */
@ApplicationScoped
public class RoomBans {

    private static final Logger LOG = Logger.getLogger(RoomBans.class.getName());

    @EJB
    Rooms rooms;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile Map<String, Map<String, RoomBan>> byRoom = Map.of();

    @PostConstruct
    void start() {
        scheduler.scheduleWithFixedDelay(this::reloadAll, 0, 60, TimeUnit.SECONDS);
    }

    /** Why the user may not enter the room now, or null. */
    public String refusal(String room, String userId) {
        Map<String, RoomBan> bans = byRoom.get(room);
        RoomBan ban = bans == null ? null : bans.get(userId);
        return ban != null && ban.activeAt(Instant.now()) ? ban.refusal() : null;
    }

    /** Reads one room's removals again. */
    public void reload(String room) {
        Map<String, RoomBan> fresh =
                rooms.activeBans(room).stream().collect(Collectors.toMap(RoomBan::userId, ban -> ban));
        Map<String, Map<String, RoomBan>> next = new ConcurrentHashMap<>(byRoom);
        if (fresh.isEmpty()) {
            next.remove(room);
        } else {
            next.put(room, fresh);
        }
        byRoom = next;
    }

    private void reloadAll() {
        try {
            List<RoomBan> all = rooms.activeBans(null);
            byRoom = all.stream()
                    .collect(Collectors.groupingBy(
                            RoomBan::room, ConcurrentHashMap::new, Collectors.toMap(RoomBan::userId, ban -> ban)));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "reading room removals failed; keeping the last copy", e);
        }
    }
}
