package dev.parley.chat.usage.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Daily assistant token budgets that hold under concurrency and across nodes: a reply reserves
 * its estimate in the database ledger before the provider is called, while the scope still has
 * tokens left, and settles to its real usage after. Concurrent asks are serialized by the
 * ledger row's lock, so the day's spend ends within one reply of the budget.
 */
@Stateless
public class Budgets {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @EJB
    Usage usage;

    @EJB
    Budgets self;

    /** A reservation made for one reply; {@code refusal} says why there is none. */
    public record Reservation(String userScope, String roomScope, LocalDate day, long tokens, String refusal) {

        public boolean refused() {
            return refusal != null;
        }
    }

    /** Reserves {@code estimate} tokens against the user's and the room's budget, or refuses. */
    public Reservation reserve(
            String userId, String room, long estimate, Optional<Long> userLimit, Optional<Long> roomLimit) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        Instant startOfDay = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        String userScope = userLimit.isPresent() ? "user:" + userId : null;
        String roomScope = roomLimit.isPresent() ? "room:" + room : null;
        if (userScope != null
                && !take(userScope, day, estimate, userLimit.get(), () -> usage.userTokensSince(userId, startOfDay))) {
            return refused("your daily assistant token budget is used up");
        }
        if (roomScope != null
                && !take(roomScope, day, estimate, roomLimit.get(), () -> usage.roomTokensSince(room, startOfDay))) {
            return refused("this room's daily assistant token budget is used up");
        }
        return new Reservation(userScope, roomScope, day, estimate, null);
    }

    /** Replaces the reservation by what the reply really spent. */
    public void settle(Reservation reservation, long spent) {
        long correction = spent - reservation.tokens();
        for (String scope : new String[] {reservation.userScope(), reservation.roomScope()}) {
            if (scope != null && correction != 0) {
                em.createNativeQuery("update chat_budget set tokens = tokens + ?1 where scope = ?2 and budget_day = ?3")
                        .setParameter(1, correction)
                        .setParameter(2, scope)
                        .setParameter(3, reservation.day())
                        .executeUpdate();
            }
        }
    }

    /** Creates the day's ledger row from the usage recorded so far, unless a concurrent ask did. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void open(String scope, LocalDate day, long spentSoFar) {
        try {
            em.createNativeQuery("insert into chat_budget (scope, budget_day, tokens)"
                            + " select cast(?1 as varchar(400)), cast(?2 as date), cast(?3 as bigint) from (values (0)) as v (x)"
                            + " where not exists (select 1 from chat_budget where scope = ?1 and budget_day = ?2)")
                    .setParameter(1, scope)
                    .setParameter(2, day)
                    .setParameter(3, spentSoFar)
                    .executeUpdate();
        } catch (PersistenceException createdConcurrently) {
            context.setRollbackOnly();
        }
    }

    private Reservation refused(String why) {
        context.setRollbackOnly(); // gives back what an earlier scope reserved in this call
        return new Reservation(null, null, null, 0, why);
    }

    /** Adds {@code amount} to the scope's row if it is under {@code limit}; false if it is not. */
    private boolean take(String scope, LocalDate day, long amount, long limit, LongSupplier spentSoFar) {
        if (addIfUnder(scope, day, amount, limit)) {
            return true;
        }
        if (!rowExists(scope, day)) {
            self.open(scope, day, spentSoFar.getAsLong());
            return addIfUnder(scope, day, amount, limit);
        }
        return false;
    }

    private boolean addIfUnder(String scope, LocalDate day, long amount, long limit) {
        return em.createNativeQuery(
                                "update chat_budget set tokens = tokens + ?1 where scope = ?2 and budget_day = ?3 and tokens < ?4")
                        .setParameter(1, amount)
                        .setParameter(2, scope)
                        .setParameter(3, day)
                        .setParameter(4, limit)
                        .executeUpdate()
                == 1;
    }

    private boolean rowExists(String scope, LocalDate day) {
        return !em.createNativeQuery("select 1 from chat_budget where scope = ?1 and budget_day = ?2")
                .setParameter(1, scope)
                .setParameter(2, day)
                .getResultList()
                .isEmpty();
    }
}
