package dev.parley.chat.search.boundary;

import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.message.entity.Message;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.platform.boundary.SchemaMigration;
import dev.parley.chat.room.entity.Room;
import dev.parley.chat.search.control.SearchCursor;
import dev.parley.chat.search.control.SearchTerms;
import dev.parley.chat.search.entity.SearchHit;
import dev.parley.chat.search.entity.SearchPage;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds messages by their words, newest first, only in rooms the caller may enter now: rooms whose
 * groups admit them, not closed by an administrator (admins excepted), and not one they were
 * removed from. PostgreSQL answers from a full-text index (prefix match of every word); the
 * embedded database scans with {@code LIKE} (substring match).
 */
@Stateless
public class MessageSearch {

    @PersistenceContext
    EntityManager em;

    @Inject
    SchemaMigration schema;

    public SearchPage search(Identity caller, SearchTerms terms, String room, SearchCursor before, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("select m.* from chat_message m where ");
        if (schema.isPostgres()) {
            sql.append("to_tsvector('simple', m.body) @@ to_tsquery('simple', :tsquery)");
            parameters.put("tsquery", terms.prefixTsQuery());
        } else {
            List<String> patterns = terms.likePatterns();
            for (int i = 0; i < patterns.size(); i++) {
                sql.append(i == 0 ? "" : " and ")
                        .append("lower(m.body) like :word")
                        .append(i);
                parameters.put("word" + i, patterns.get(i));
            }
        }
        if (room != null) {
            sql.append(" and m.room = :room");
            parameters.put("room", room);
        }
        Set<String> excluded = roomsClosedTo(caller);
        if (!excluded.isEmpty()) {
            sql.append(" and m.room not in (:excluded)");
            parameters.put("excluded", excluded);
        }
        if (before != null) {
            sql.append(" and (m.created_at < :at or (m.created_at = :at and (m.room < :cursorRoom"
                    + " or (m.room = :cursorRoom and m.seq < :cursorSeq))))");
            parameters.put("at", before.createdAt());
            parameters.put("cursorRoom", before.room());
            parameters.put("cursorSeq", before.seq());
        }
        sql.append(" order by m.created_at desc, m.room desc, m.seq desc");
        Query query = em.createNativeQuery(sql.toString(), Message.class).setMaxResults(limit + 1);
        parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Message> found = query.getResultList();
        boolean hasMore = found.size() > limit;
        List<SearchHit> hits = new ArrayList<>();
        for (Message message : found.subList(0, Math.min(limit, found.size()))) {
            hits.add(SearchHit.of(MessageView.of(message), terms.highlights(message.body())));
        }
        String next = null;
        if (hasMore) {
            SearchHit last = hits.get(hits.size() - 1);
            next = new SearchCursor(last.createdAt(), last.room(), last.seq()).toString();
        }
        return new SearchPage(hits, hasMore, next);
    }

    /** Whether the caller may search this room now (a room never used holds nothing to find). */
    public boolean mayEnter(Identity caller, String room) {
        return !roomsClosedTo(caller).contains(room);
    }

    /** The rooms the caller may not enter now: usually few, so the query excludes them. */
    private Set<String> roomsClosedTo(Identity caller) {
        Set<String> closed = new LinkedHashSet<>();
        em
                .createQuery(
                        "select r from Room r where r.allowedGroups is not null or r.closedAt is not null", Room.class)
                .getResultList()
                .stream()
                .filter(room -> room.refusal(caller.groups()) != null)
                .forEach(room -> closed.add(room.name()));
        closed.addAll(
                em.createQuery("select b.room from RoomBan b where b.userId = :user and b.until > :now", String.class)
                        .setParameter("user", caller.id())
                        .setParameter("now", Instant.now())
                        .getResultList());
        return closed;
    }
}
