package dev.parley.chat.presence.boundary;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.presence.control.PresenceState;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;

/** This node's view of who is in which room. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS) // in-memory state: no transaction per call
public class Presence {

    private final PresenceState state = new PresenceState();

    /** True when this is the user's first connection to the room. */
    public boolean connect(String room, ChatUser user) {
        return state.connect(room, user);
    }

    /** True when this was the user's last connection to the room. */
    public boolean disconnect(String room, ChatUser user) {
        return state.disconnect(room, user);
    }

    public List<PresenceState.Member> members(String room) {
        return state.members(room);
    }

    public int online(String room) {
        return state.online(room);
    }
}
