package dev.parley.chat.room.boundary;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.room.entity.ReadMarker;
import dev.parley.chat.room.entity.RoomUserKey;
import dev.parley.chat.room.entity.Unread;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Each user's read position per room, on the server so that all their devices agree, and the
 * unread and mention counts of the rooms list. A marker only moves forward.
 */
@Stateless
public class ReadMarkers {

    @PersistenceContext
    EntityManager em;

    /** The user's marker in the room, if they ever read it. */
    public OptionalLong lastRead(String room, String userId) {
        ReadMarker marker = em.find(ReadMarker.class, new RoomUserKey(room, userId));
        return marker == null ? OptionalLong.empty() : OptionalLong.of(marker.lastReadSeq());
    }

    /**
     * Moves the user's marker to {@code seq} (capped at the room's last seq); the marker after it,
     * or empty when it did not move (already there or further).
     */
    public OptionalLong markRead(String room, String userId, long seq, long roomLastSeq) {
        long target = Math.min(seq, roomLastSeq);
        Instant now = Instant.now();
        ReadMarker marker = em.find(ReadMarker.class, new RoomUserKey(room, userId), LockModeType.PESSIMISTIC_WRITE);
        if (marker == null) {
            em.persist(new ReadMarker(room, userId, target, now));
            return OptionalLong.of(target);
        }
        return marker.advance(target, now) ? OptionalLong.of(target) : OptionalLong.empty();
    }

    /**
     * For every room the user has a marker in: the messages of others after it (deleted ones not
     * counted) and how many of those mention {@code @name}.
     */
    public Map<String, Unread> unread(ChatUser user) {
        String mention = "%@"
                + user.name()
                        .toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select r.room, r.last_read_seq,"
                        + " count(m.seq),"
                        + " coalesce(sum(case when lower(m.body) like :mention escape '\\' then 1 else 0 end), 0)"
                        + " from chat_read_marker r left join chat_message m"
                        + " on m.room = r.room and m.seq > r.last_read_seq and m.user_id <> r.user_id"
                        + " and m.deleted_at is null"
                        + " where r.user_id = :user group by r.room, r.last_read_seq")
                .setParameter("mention", mention)
                .setParameter("user", user.id())
                .getResultList();
        Map<String, Unread> byRoom = new HashMap<>();
        for (Object[] row : rows) {
            byRoom.put(
                    (String) row[0],
                    new Unread(
                            ((Number) row[1]).longValue(),
                            ((Number) row[2]).longValue(),
                            ((Number) row[3]).longValue()));
        }
        return byRoom;
    }
}
