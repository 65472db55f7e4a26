package dev.parley.chat.usage.boundary;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.usage.entity.Tally;
import dev.parley.chat.usage.entity.UsageRecord;
import dev.parley.chat.usage.entity.UsageReport;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Token usage tallies: everything for admins; the totals and their own row for users. */
@Stateless
public class Usage {

    private static final String SUMS = "count(u), coalesce(sum(u.promptTokens), 0), "
            + "coalesce(sum(u.completionTokens), 0), coalesce(sum(u.totalTokens), 0)";

    @PersistenceContext
    EntityManager em;

    /** Records the cost of a call that left no message behind (a private catch-up). */
    public void record(UsageRecord record) {
        em.persist(record);
    }

    public Tally total() {
        Object[] row = em.createQuery("select " + SUMS + " from UsageRecord u", Object[].class)
                .getSingleResult();
        return tally(row, 0);
    }

    public long userTokensSince(String userId, Instant since) {
        return em.createQuery(
                        "select coalesce(sum(u.totalTokens), 0) from UsageRecord u "
                                + "where u.userId = :user and u.createdAt >= :since",
                        Long.class)
                .setParameter("user", userId)
                .setParameter("since", since)
                .getSingleResult();
    }

    public long roomTokensSince(String room, Instant since) {
        return em.createQuery(
                        "select coalesce(sum(u.totalTokens), 0) from UsageRecord u "
                                + "where u.room = :room and u.createdAt >= :since",
                        Long.class)
                .setParameter("room", room)
                .setParameter("since", since)
                .getSingleResult();
    }

    /**
     * Tokens per minute since {@code since}, by model and room, oldest minute first (the admin
     * page's charts). Read from the tally, so it spans every node and survives restarts.
     */
    public List<Minute> perMinute(Instant since) {
        List<Object[]> rows = em.createQuery(
                        "select u.createdAt, u.model, u.room, u.totalTokens from UsageRecord u where u.createdAt >= :since",
                        Object[].class)
                .setParameter("since", since)
                .getResultList();
        java.util.Map<List<Object>, Long> sums =
                new java.util.TreeMap<>(Comparator.comparing((List<Object> key) -> (Instant) key.get(0))
                        .thenComparing(key -> (String) key.get(1))
                        .thenComparing(key -> (String) key.get(2)));
        for (Object[] row : rows) {
            Instant minute = ((Instant) row[0]).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            sums.merge(List.of(minute, row[1], row[2]), (Long) row[3], Long::sum);
        }
        return sums.entrySet().stream()
                .map(e -> new Minute(
                        (Instant) e.getKey().get(0),
                        (String) e.getKey().get(1),
                        (String) e.getKey().get(2),
                        e.getValue()))
                .toList();
    }

    /** Tokens of one model in one room during one minute. */
    public record Minute(Instant minute, String model, String room, long tokens) {}

    public UsageReport reportFor(Identity caller) {
        var userQuery = em.createQuery(
                "select u.userId, max(u.userName), " + SUMS + " from UsageRecord u"
                        + (caller.isAdmin() ? "" : " where u.userId = :me") + " group by u.userId",
                Object[].class);
        if (!caller.isAdmin()) {
            userQuery.setParameter("me", caller.id());
        }
        List<UsageReport.UserTally> users = userQuery.getResultList().stream()
                .map(row -> {
                    Tally t = tally(row, 2);
                    return new UsageReport.UserTally(
                            new ChatUser((String) row[0], (String) row[1]),
                            t.requests(),
                            t.promptTokens(),
                            t.completionTokens(),
                            t.totalTokens());
                })
                .sorted(Comparator.comparingLong(UsageReport.UserTally::totalTokens)
                        .reversed())
                .toList();
        List<UsageReport.RoomTally> rooms = !caller.isAdmin()
                ? List.of()
                : em
                        .createQuery("select u.room, " + SUMS + " from UsageRecord u group by u.room", Object[].class)
                        .getResultList()
                        .stream()
                        .map(row -> {
                            Tally t = tally(row, 1);
                            return new UsageReport.RoomTally(
                                    (String) row[0],
                                    t.requests(),
                                    t.promptTokens(),
                                    t.completionTokens(),
                                    t.totalTokens());
                        })
                        .sorted(Comparator.comparingLong(UsageReport.RoomTally::totalTokens)
                                .reversed())
                        .toList();
        List<UsageReport.ModelTally> models = !caller.isAdmin()
                ? List.of()
                : em
                        .createQuery("select u.model, " + SUMS + " from UsageRecord u group by u.model", Object[].class)
                        .getResultList()
                        .stream()
                        .map(row -> {
                            Tally t = tally(row, 1);
                            return new UsageReport.ModelTally(
                                    (String) row[0],
                                    t.requests(),
                                    t.promptTokens(),
                                    t.completionTokens(),
                                    t.totalTokens());
                        })
                        .toList();
        List<UsageReport.ParticipantTally> participants = !caller.isAdmin()
                ? List.of()
                : em
                        .createQuery(
                                "select coalesce(u.participant, 'assistant'), u.model, " + SUMS
                                        + " from UsageRecord u group by coalesce(u.participant, 'assistant'), u.model",
                                Object[].class)
                        .getResultList()
                        .stream()
                        .map(row -> {
                            Tally t = tally(row, 2);
                            return new UsageReport.ParticipantTally(
                                    (String) row[0],
                                    (String) row[1],
                                    t.requests(),
                                    t.promptTokens(),
                                    t.completionTokens(),
                                    t.totalTokens());
                        })
                        .toList();
        return new UsageReport(total(), rooms, users, models, participants);
    }

    private static Tally tally(Object[] row, int from) {
        return new Tally(number(row[from]), number(row[from + 1]), number(row[from + 2]), number(row[from + 3]));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
