package dev.parley.chat.room.boundary;

import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.presence.boundary.Presence;
import dev.parley.chat.room.entity.AssistantMode;
import dev.parley.chat.room.entity.Room;
import dev.parley.chat.room.entity.RoomSummary;
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
        return RoomView.of(room);
    }

    /** The settings a room's owner may change. */
    public record RoomSettings(String title, String assistant, String persona, List<String> allowedGroups) {}
}
