package dev.parley.chat.room.boundary;

import dev.parley.chat.room.entity.Room;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;

/** Reads and creates rooms in calls of their own, so that losing a creation race fails only this. */
@Stateless
public class RoomCreator {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    /** The room if it exists; its connection is given back when this call ends. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Room find(String name) {
        return em.find(Room.class, name);
    }

    /** The room, created now if it does not exist; null when another node created it first. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Room findOrCreate(String name, String creatorId, Instant at) {
        Room existing = em.find(Room.class, name);
        if (existing != null) {
            return existing;
        }
        Room room = new Room(name, creatorId, at);
        try {
            em.persist(room);
            em.flush();
            return room;
        } catch (PersistenceException createdElsewhere) {
            context.setRollbackOnly();
            return null;
        }
    }
}
