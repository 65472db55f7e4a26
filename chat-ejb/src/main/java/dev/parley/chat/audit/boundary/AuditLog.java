package dev.parley.chat.audit.boundary;

import dev.parley.chat.audit.entity.AuditEntry;
import dev.parley.chat.audit.entity.AuditView;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The trail of administrative actions: appended to, paged newest first, never edited. */
@Stateless
public class AuditLog {

    @PersistenceContext
    EntityManager em;

    /** Appends one entry; runs in the caller's transaction when there is one. */
    public AuditView record(
            String actorId, String actorName, String action, String room, String target, String detail) {
        AuditEntry entry = new AuditEntry(
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                actorId,
                actorName,
                action,
                room,
                target,
                detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000));
        em.persist(entry);
        em.flush();
        return entry.view();
    }

    /** Up to {@code limit} entries older than the entry {@code before} (all when null), newest first. */
    public Page page(Long before, int limit) {
        var query = before == null
                ? em.createQuery("select a from AuditEntry a order by a.id desc", AuditEntry.class)
                : em.createQuery("select a from AuditEntry a where a.id < :before order by a.id desc", AuditEntry.class)
                        .setParameter("before", before);
        List<AuditView> rows = query.setMaxResults(limit + 1).getResultList().stream()
                .map(AuditEntry::view)
                .toList();
        boolean hasMore = rows.size() > limit;
        return new Page(hasMore ? rows.subList(0, limit) : rows, hasMore);
    }

    /** A page of the trail, and whether older entries exist. */
    public record Page(List<AuditView> entries, boolean hasMore) {}
}
