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

/** Creates a room in a transaction of its own, so that losing a creation race fails only this. */
@Stateless
public class RoomCreator {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    /** The new room, or null when another node created it first. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Room create(String name, String creatorId, Instant at) {
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
