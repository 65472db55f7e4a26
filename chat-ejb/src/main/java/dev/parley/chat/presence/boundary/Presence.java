package dev.parley.chat.presence.boundary;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.presence.control.PresenceDirectory;
import dev.parley.chat.presence.control.PresenceState;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is in which room: this node's connections, and through the {@link PresenceDirectory} those
 * of every node. When the directory cannot answer, this node's own view is the answer.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS) // in-memory state: no transaction per call
public class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class.getName());

    private final PresenceState state = new PresenceState();

    @Inject
    PresenceDirectory directory;

    /** True when this is the user's first connection to the room (on any node). */
    public boolean connect(String room, ChatUser user) {
        boolean firstHere = state.connect(room, user);
        try {
            return directory.arrived(room, user) && firstHere;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "presence directory unreachable; answering for this node", e);
            return firstHere;
        }
    }

    /** True when this was the user's last connection to the room (on any node). */
    public boolean disconnect(String room, ChatUser user) {
        boolean lastHere = state.disconnect(room, user);
        try {
            return directory.departed(room, user) && lastHere;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "presence directory unreachable; answering for this node", e);
            return lastHere;
        }
    }

    /** The room's members with their connection counts. */
    public List<PresenceState.Member> members(String room) {
        try {
            return directory.members(room).orElseGet(() -> state.members(room));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "presence directory unreachable; answering for this node", e);
            return state.members(room);
        }
    }

    public List<ChatUser> users(String room) {
        return members(room).stream().map(PresenceState.Member::user).toList();
    }

    public int online(String room) {
        return members(room).size();
    }
}
