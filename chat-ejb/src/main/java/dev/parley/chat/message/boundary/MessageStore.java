package dev.parley.chat.message.boundary;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.control.ChangeOutcome;
import dev.parley.chat.message.control.NewMessage;
import dev.parley.chat.message.control.StoreOutcome;
import dev.parley.chat.message.entity.Message;
import dev.parley.chat.message.entity.MessageKey;
import dev.parley.chat.message.entity.MessagePage;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.message.entity.Reaction;
import dev.parley.chat.message.entity.ReactionView;
import dev.parley.chat.message.entity.ReplyQuote;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** How many different emoji one message may carry. */
    public static final int MAX_DIFFERENT_REACTIONS = 20;

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
            List<String> answered = positions.stream()
                    .map(i -> batch.get(i).replyTo())
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
            Map<String, Message> originals = answered.isEmpty() ? Map.of() : existing(roomName, answered);
            for (int position : positions) {
                NewMessage next = batch.get(position);
                Message earlier = known.get(next.id());
                if (earlier != null) {
                    outcomes[position] = earlier.userId().equals(next.user().id())
                            ? StoreOutcome.retry(earlier.seq())
                            : StoreOutcome.idTaken();
                    continue;
                }
                Message original = null;
                if (next.replyTo() != null) {
                    original = originals.getOrDefault(next.replyTo(), known.get(next.replyTo()));
                    if (original == null) {
                        outcomes[position] = StoreOutcome.noSuchOriginal();
                        continue;
                    }
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
                if (original != null) {
                    message.replyTo(original.id());
                }
                em.persist(message);
                known.put(next.id(), message);
                MessageView view = MessageView.of(message);
                outcomes[position] =
                        StoreOutcome.stored(original == null ? view : view.withReplyTo(ReplyQuote.of(original)));
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
        List<MessageView> page =
                new ArrayList<>(views(room, newestFirst.subList(0, Math.min(limit, newestFirst.size()))));
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
        return new MessagePage(views(room, oldestFirst.subList(0, Math.min(limit, oldestFirst.size()))), hasMore);
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
            deleteReactions(roomName, id);
        } else {
            message.edit(body, now, rev);
        }
        return ChangeOutcome.changed(views(roomName, List.of(message)).get(0), rev);
    }

    /**
     * Adds the user's reaction with this emoji, or takes it back if they had it: a change of the
     * message like an edit (its rev), open to everyone who may enter the room.
     */
    public ChangeOutcome toggleReaction(String roomName, String id, ChatUser user, String emoji) {
        Message message = existing(roomName, List.of(id)).get(id);
        if (message == null) {
            return ChangeOutcome.refused(ChangeOutcome.Kind.NOT_FOUND);
        }
        if (message.isDeleted()) {
            return ChangeOutcome.refused(ChangeOutcome.Kind.NOT_CHANGEABLE);
        }
        Room room = em.find(Room.class, roomName, LockModeType.PESSIMISTIC_WRITE);
        Reaction mine = em.find(Reaction.class, new Reaction.Key(roomName, id, emoji, user.id()));
        if (mine != null) {
            em.remove(mine);
        } else {
            List<String> emojis = em.createQuery(
                            "select distinct r.emoji from Reaction r where r.room = :room and r.messageId = :id",
                            String.class)
                    .setParameter("room", roomName)
                    .setParameter("id", id)
                    .getResultList();
            if (!emojis.contains(emoji) && emojis.size() >= MAX_DIFFERENT_REACTIONS) {
                return ChangeOutcome.refused(ChangeOutcome.Kind.TOO_MANY_REACTIONS);
            }
            em.persist(new Reaction(roomName, id, emoji, user.id(), user.name(), Instant.now()));
        }
        long rev = room.nextRev();
        message.touch(rev);
        em.flush();
        return ChangeOutcome.changed(views(roomName, List.of(message)).get(0), rev);
    }

    private void deleteReactions(String room, String id) {
        em.createQuery("delete from Reaction r where r.room = :room and r.messageId = :id")
                .setParameter("room", room)
                .setParameter("id", id)
                .executeUpdate();
    }

    /**
     * The views of these messages of one room, each with its reactions and the quote of the
     * message it answers (one query for each, for all of them).
     */
    private List<MessageView> views(String room, List<Message> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, List<ChatUser>>> byMessage = new HashMap<>();
        em.createQuery(
                        "select r from Reaction r where r.room = :room and r.messageId in :ids order by r.createdAt",
                        Reaction.class)
                .setParameter("room", room)
                .setParameter("ids", messages.stream().map(Message::id).toList())
                .getResultList()
                .forEach(r -> byMessage
                        .computeIfAbsent(r.messageId(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.emoji(), k -> new ArrayList<>())
                        .add(new ChatUser(r.userId(), r.userName())));
        List<String> answered = messages.stream()
                .map(Message::replyToId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<String, Message> originals = answered.isEmpty() ? Map.of() : existing(room, answered);
        return messages.stream()
                .map(message -> {
                    Map<String, List<ChatUser>> reactions = byMessage.get(message.id());
                    MessageView view = MessageView.of(message);
                    if (reactions != null) {
                        view = view.withReactions(reactions.entrySet().stream()
                                .map(e -> new ReactionView(e.getKey(), e.getValue()))
                                .toList());
                    }
                    if (message.replyToId() != null) {
                        Message original = originals.get(message.replyToId());
                        // an original an administrator removed outright is quoted as deleted
                        view = view.withReplyTo(
                                original != null
                                        ? ReplyQuote.of(original)
                                        : new ReplyQuote(message.replyToId(), 0, null, "", true));
                    }
                    return view;
                })
                .toList();
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
        return new ChangePage(views(room, page), hasMore, lastRev);
    }

    /** A page of the change feed; {@code lastRev} is the rev of its last change (or the one asked after). */
    public record ChangePage(List<MessageView> messages, boolean hasMore, long lastRev) {}

    /** Deletes a message by its id; false if the room has no such message. */
    public boolean delete(String room, String id) {
        deleteReactions(room, id);
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
