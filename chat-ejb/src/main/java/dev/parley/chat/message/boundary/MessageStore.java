package dev.parley.chat.message.boundary;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.control.ChangeOutcome;
import dev.parley.chat.message.control.NewMessage;
import dev.parley.chat.message.control.StoreOutcome;
import dev.parley.chat.message.entity.Message;
import dev.parley.chat.message.entity.MessageKey;
import dev.parley.chat.message.entity.MessagePage;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.message.entity.Role;
import dev.parley.chat.message.entity.Status;
import dev.parley.chat.room.entity.Room;
import dev.parley.chat.usage.entity.UsageRecord;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stores messages and reads history. A batch is stored in one transaction: each room's row is
 * locked (in name order, so nodes never deadlock) and seqs are handed out from the room's counter;
 * a retried id is caught by the unique (room, id) constraint, or looked up first when storing one
 * message checked.
 */
@Stateless
public class MessageStore {

    @PersistenceContext
    EntityManager em;

    /**
     * Stores a batch optimistically: no look-up of earlier ids, the unique (room, id) constraint
     * catches a retry and fails the whole batch, which the caller then stores one by one with
     * {@link #storeChecked}. The outcomes are in the order of {@code batch}.
     */
    public List<StoreOutcome> store(List<NewMessage> batch) {
        return store(batch, false);
    }

    /** Stores one message, answering a retry of an id already stored with its seq. */
    public StoreOutcome storeChecked(NewMessage message) {
        return store(List.of(message), true).get(0);
    }

    private List<StoreOutcome> store(List<NewMessage> batch, boolean lookUpEarlier) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, List<Integer>> positionsByRoom = new TreeMap<>();
        for (int i = 0; i < batch.size(); i++) {
            positionsByRoom
                    .computeIfAbsent(batch.get(i).room(), room -> new ArrayList<>())
                    .add(i);
        }
        StoreOutcome[] outcomes = new StoreOutcome[batch.size()];
        positionsByRoom.forEach((roomName, positions) -> {
            Room room = lockRoom(roomName, batch.get(positions.get(0)).user().id(), now);
            Map<String, Message> known = lookUpEarlier
                    ? existing(
                            roomName,
                            positions.stream().map(i -> batch.get(i).id()).toList())
                    : new HashMap<>();
            for (int position : positions) {
                NewMessage next = batch.get(position);
                Message earlier = known.get(next.id());
                if (earlier != null) {
                    outcomes[position] = earlier.userId().equals(next.user().id())
                            ? StoreOutcome.retry(earlier.seq())
                            : StoreOutcome.idTaken();
                    continue;
                }
                Message message = new Message(
                        roomName,
                        room.nextSeq(now),
                        next.id(),
                        next.user().id(),
                        next.user().name(),
                        Role.USER,
                        next.body(),
                        Status.COMPLETE,
                        now);
                em.persist(message);
                known.put(next.id(), message);
                outcomes[position] = StoreOutcome.stored(MessageView.of(message));
            }
        });
        return List.of(outcomes);
    }

    /** Stores a message of the assistant or the system (a server UUID), to everyone's seq order. */
    public MessageView storeReply(String roomName, ChatUser author, Role role, String body, Status status) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Room room = lockRoom(roomName, author.id(), now);
        Message message = new Message(
                roomName,
                room.nextSeq(now),
                UUID.randomUUID().toString(),
                author.id(),
                author.name(),
                role,
                body,
                status,
                now);
        em.persist(message);
        return MessageView.of(message);
    }

    /** Ends a streamed reply: its final body and status, and what it cost, in one transaction. */
    public MessageView finishReply(String room, long seq, String body, Status status, UsageRecord usage) {
        Message message = em.find(Message.class, new MessageKey(room, seq));
        if (usage != null) {
            em.persist(usage);
        }
        if (message == null) {
            return null; // deleted by an admin meanwhile
        }
        message.finish(body, status);
        return MessageView.of(message);
    }

    /** The newest {@code limit} messages, oldest first. */
    public MessagePage latest(String room, int limit) {
        return before(room, Long.MAX_VALUE, limit);
    }

    /** Up to {@code limit} messages with a seq below {@code before}, oldest first. */
    public MessagePage before(String room, long before, int limit) {
        List<Message> newestFirst = em.createQuery(
                        "select m from Message m where m.room = :room and m.seq < :before order by m.seq desc",
                        Message.class)
                .setParameter("room", room)
                .setParameter("before", before)
                .setMaxResults(limit + 1)
                .getResultList();
        boolean hasMore = newestFirst.size() > limit;
        List<MessageView> page = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())).stream()
                .map(MessageView::of)
                .toList());
        Collections.reverse(page);
        return new MessagePage(page, hasMore);
    }

    /** Up to {@code limit} messages with a seq above {@code since}, oldest first. */
    public MessagePage since(String room, long since, int limit) {
        List<Message> oldestFirst = em.createQuery(
                        "select m from Message m where m.room = :room and m.seq > :since order by m.seq", Message.class)
                .setParameter("room", room)
                .setParameter("since", since)
                .setMaxResults(limit + 1)
                .getResultList();
        boolean hasMore = oldestFirst.size() > limit;
        return new MessagePage(
                oldestFirst.subList(0, Math.min(limit, oldestFirst.size())).stream()
                        .map(MessageView::of)
                        .toList(),
                hasMore);
    }

    /** The room's message with this id, if there is one. */
    public Optional<MessageView> find(String room, String id) {
        return Optional.ofNullable(existing(room, List.of(id)).get(id)).map(MessageView::of);
    }

    /**
     * Edits (a new {@code body}) or deletes ({@code body} null) a user's message as its author or
     * an admin. The room's row lock orders it with stores and hands out its change number.
     */
    public ChangeOutcome change(String roomName, String id, String actorId, boolean actorIsAdmin, String body) {
        Message message = existing(roomName, List.of(id)).get(id);
        if (message == null) {
            return ChangeOutcome.refused(ChangeOutcome.Kind.NOT_FOUND);
        }
        if (!actorIsAdmin && !message.userId().equals(actorId)) {
            return ChangeOutcome.refused(ChangeOutcome.Kind.FORBIDDEN);
        }
        if (message.isDeleted() || message.role() != Role.USER) {
            return ChangeOutcome.refused(ChangeOutcome.Kind.NOT_CHANGEABLE);
        }
        Room room = em.find(Room.class, roomName, LockModeType.PESSIMISTIC_WRITE);
        long rev = room.nextRev();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (body == null) {
            message.delete(now, rev);
        } else {
            message.edit(body, now, rev);
        }
        return ChangeOutcome.changed(MessageView.of(message), rev);
    }

    /**
     * The change feed of a resume: messages up to {@code throughSeq} that changed after
     * {@code afterRev}, in the order they changed, at most {@code limit}.
     */
    public ChangePage changes(String room, long throughSeq, long afterRev, int limit) {
        List<Message> changed = em.createQuery(
                        "select m from Message m where m.room = :room and m.rev > :rev and m.seq <= :seq order by m.rev",
                        Message.class)
                .setParameter("room", room)
                .setParameter("rev", afterRev)
                .setParameter("seq", throughSeq)
                .setMaxResults(limit + 1)
                .getResultList();
        boolean hasMore = changed.size() > limit;
        List<Message> page = changed.subList(0, Math.min(limit, changed.size()));
        long lastRev = page.isEmpty() ? afterRev : page.get(page.size() - 1).rev();
        return new ChangePage(page.stream().map(MessageView::of).toList(), hasMore, lastRev);
    }

    /** A page of the change feed; {@code lastRev} is the rev of its last change (or the one asked after). */
    public record ChangePage(List<MessageView> messages, boolean hasMore, long lastRev) {}

    /** Deletes a message by its id; false if the room has no such message. */
    public boolean delete(String room, String id) {
        return em.createQuery("delete from Message m where m.room = :room and m.id = :id")
                        .setParameter("room", room)
                        .setParameter("id", id)
                        .executeUpdate()
                > 0;
    }

    public long count() {
        return em.createQuery("select count(m) from Message m", Long.class).getSingleResult();
    }

    private Room lockRoom(String roomName, String firstUserId, Instant now) {
        Room room = em.find(Room.class, roomName, LockModeType.PESSIMISTIC_WRITE);
        if (room == null) {
            // a message for a room that was never entered on this node's database: create it under the same lock
            room = new Room(roomName, firstUserId, now);
            em.persist(room);
            em.flush();
            em.lock(room, LockModeType.PESSIMISTIC_WRITE);
        }
        return room;
    }

    private Map<String, Message> existing(String room, List<String> ids) {
        Map<String, Message> byId = new HashMap<>();
        em.createQuery("select m from Message m where m.room = :room and m.id in :ids", Message.class)
                .setParameter("room", room)
                .setParameter("ids", new LinkedHashSet<>(ids))
                .getResultList()
                .forEach(message -> byId.put(message.id(), message));
        return byId;
    }
}
