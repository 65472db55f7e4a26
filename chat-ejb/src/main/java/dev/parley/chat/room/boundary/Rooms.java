package dev.parley.chat.room.boundary;

import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.presence.boundary.Presence;
import dev.parley.chat.room.entity.AiParticipant;
import dev.parley.chat.room.entity.AssistantMode;
import dev.parley.chat.room.entity.ParticipantView;
import dev.parley.chat.room.entity.Room;
import dev.parley.chat.room.entity.RoomBan;
import dev.parley.chat.room.entity.RoomSummary;
import dev.parley.chat.room.entity.RoomUserKey;
import dev.parley.chat.room.entity.RoomView;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Rooms: created on first use, listed, and configured. */
@Stateless
public class Rooms {

    @PersistenceContext
    EntityManager em;

    @EJB
    RoomCreator creator;

    @EJB
    Presence presence;

    /**
     * The room, created with {@code user} as its creator if this is its first use. Creations of
     * one name on this node take turns, so that a crowd joining a new room creates it once; a
     * race with another node is lost quietly and the winner's room is read. No database
     * connection is held here while waiting: each look-up and the creation are calls of their
     * own, so a storm of joins can never hold the whole pool while waiting for more.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Room enter(String name, String userId) {
        Room room = creator.find(name);
        if (room != null) {
            return room;
        }
        synchronized (CREATING[Math.floorMod(name.hashCode(), CREATING.length)]) {
            room = creator.findOrCreate(name, userId, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }
        if (room != null) {
            return room;
        }
        return Optional.ofNullable(creator.find(name))
                .orElseThrow(() -> new EJBException("room " + name + " could be neither created nor read"));
    }

    private static final Object[] CREATING = newLocks(64);

    private static Object[] newLocks(int count) {
        Object[] locks = new Object[count];
        for (int i = 0; i < count; i++) {
            locks[i] = new Object();
        }
        return locks;
    }

    public Optional<Room> find(String name) {
        return Optional.ofNullable(em.find(Room.class, name));
    }

    public long count() {
        return em.createQuery("select count(r) from Room r", Long.class).getSingleResult();
    }

    /** Rooms the caller may enter, most recently active first. */
    public List<RoomSummary> visibleTo(Identity caller) {
        return em.createQuery("select r from Room r", Room.class).getResultList().stream()
                .filter(room -> room.admits(caller.groups()))
                .sorted(Comparator.comparing(Room::lastActivityAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Room::name))
                .map(room -> new RoomSummary(
                        room.name(), room.title(), presence.online(room.name()), room.lastSeq(), room.lastActivityAt()))
                .toList();
    }

    /** Applies the given settings (null means unchanged); creates the room if needed. */
    public RoomView configure(String name, Identity caller, RoomSettings settings) {
        enter(name, caller.id());
        Room room = em.find(Room.class, name);
        if (settings.title() != null) {
            room.title(settings.title().isBlank() ? null : settings.title().strip());
        }
        if (settings.assistant() != null) {
            room.assistantMode(AssistantMode.fromWire(settings.assistant()));
        }
        if (settings.persona() != null) {
            room.persona(settings.persona().isBlank() ? null : settings.persona());
        }
        if (settings.allowedGroups() != null) {
            room.allowedGroups(settings.allowedGroups());
        }
        if (settings.participants() != null) {
            replaceParticipants(name, settings.participants());
        }
        return RoomView.of(room, participants(name));
    }

    /** The room's settings with its AI participants; a room never used shows the defaults it would start with. */
    public RoomView view(String name) {
        Room room = em.find(Room.class, name);
        if (room == null) {
            return new RoomView(
                    name, null, AssistantMode.MENTION.wireName(), null, List.of(), null, 0, null, List.of());
        }
        return RoomView.of(room, participants(name));
    }

    /** The room's AI participants besides the assistant, by name. */
    public List<ParticipantView> participants(String room) {
        return em
                .createQuery("select p from AiParticipant p where p.room = :room order by p.name", AiParticipant.class)
                .setParameter("room", room)
                .getResultList()
                .stream()
                .map(AiParticipant::view)
                .toList();
    }

    private void replaceParticipants(String room, List<ParticipantView> participants) {
        em.createQuery("delete from AiParticipant p where p.room = :room")
                .setParameter("room", room)
                .executeUpdate();
        Instant now = Instant.now();
        participants.forEach(participant -> em.persist(new AiParticipant(room, participant, now)));
    }

    /** Rooms whose name or title contains {@code query} (all when blank), by name, at most {@code limit}. */
    public List<Room> search(String query, int limit) {
        String pattern = "%" + (query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT)) + "%";
        return em.createQuery(
                        "select r from Room r where lower(r.name) like :q or lower(r.title) like :q order by r.name",
                        Room.class)
                .setParameter("q", pattern)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Rooms for the admin page: {@link #search}, with who is online and the removals in force. */
    public List<ModeratedRoom> moderated(String query, int limit) {
        return search(query, limit).stream()
                .map(room -> new ModeratedRoom(
                        room.name(),
                        room.title(),
                        room.assistantMode().wireName(),
                        room.lastSeq(),
                        room.lastActivityAt(),
                        presence.online(room.name()),
                        room.closedAt(),
                        room.closedReason(),
                        activeBans(room.name()).stream()
                                .map(ban -> new Removal(
                                        ban.userId(), ban.userName(), ban.until(), ban.reason(), ban.bannedBy()))
                                .toList()))
                .toList();
    }

    /** Closes the room for everyone but admins; false if there is no such room. */
    public boolean close(String name, String reason) {
        Room room = em.find(Room.class, name);
        if (room == null) {
            return false;
        }
        room.close(Instant.now().truncatedTo(ChronoUnit.MILLIS), reason);
        return true;
    }

    /** Opens a closed room again; false if there is no such room. */
    public boolean reopen(String name) {
        Room room = em.find(Room.class, name);
        if (room == null) {
            return false;
        }
        room.reopen();
        return true;
    }

    /** Keeps a user out of a room until {@code until}; false if there is no such room. */
    public boolean ban(String name, String userId, String userName, Instant until, String reason, String bannedBy) {
        if (em.find(Room.class, name) == null) {
            return false;
        }
        RoomBan ban = em.find(RoomBan.class, new RoomUserKey(name, userId));
        if (ban == null) {
            em.persist(new RoomBan(name, userId, userName, until, reason, bannedBy));
        } else {
            ban.extend(userName, until, reason, bannedBy);
        }
        return true;
    }

    /** Lets a removed user back in; false if they were not removed. */
    public boolean lift(String name, String userId) {
        RoomBan ban = em.find(RoomBan.class, new RoomUserKey(name, userId));
        if (ban == null) {
            return false;
        }
        em.remove(ban);
        return true;
    }

    /** The removals in force in one room, or in every room when {@code name} is null. */
    public List<RoomBan> activeBans(String name) {
        if (name == null) {
            return em.createQuery(
                            "select b from RoomBan b where b.until > :now order by b.room, b.until", RoomBan.class)
                    .setParameter("now", Instant.now())
                    .getResultList();
        }
        return em.createQuery(
                        "select b from RoomBan b where b.room = :room and b.until > :now order by b.until",
                        RoomBan.class)
                .setParameter("room", name)
                .setParameter("now", Instant.now())
                .getResultList();
    }

    /** A room as the admin page lists it. */
    public record ModeratedRoom(
            String name,
            String title,
            String assistant,
            long lastSeq,
            Instant lastActivityAt,
            int online,
            Instant closedAt,
            String closedReason,
            List<Removal> removals) {}

    /** A user kept out of a room until {@code until}, by an administrator. */
    public record Removal(String userId, String userName, Instant until, String reason, String by) {}

    /** The settings a room's owner may change. */
    /** Settings to change; null leaves one as it is. {@code participants} replaces the whole list. */
    public record RoomSettings(
            String title,
            String assistant,
            String persona,
            List<String> allowedGroups,
            List<ParticipantView> participants) {}
}
