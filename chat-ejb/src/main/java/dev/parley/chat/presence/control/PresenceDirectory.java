package dev.parley.chat.presence.control;

import dev.parley.chat.identity.entity.ChatUser;
import java.util.List;
import java.util.Optional;

/**
 * Who is in a room across all nodes. A node tells it of each connection that opens or closes on
 * it; it answers whether that was the user's first (or last) connection to the room anywhere. Any call may throw when the directory is unreachable: the node
 * then answers from its own connections.
 */
public interface PresenceDirectory {

    /** The single-node directory: this node's connections are everyone. */
    PresenceDirectory LOCAL = new PresenceDirectory() {
        @Override
        public boolean arrived(String room, ChatUser user) {
            return true;
        }

        @Override
        public boolean departed(String room, ChatUser user) {
            return true;
        }

        @Override
        public Optional<List<PresenceState.Member>> members(String room) {
            return Optional.empty();
        }
    };

    /** A connection of the user to the room opened on this node; true if it is their first anywhere. */
    boolean arrived(String room, ChatUser user);

    /** A connection of the user to the room closed on this node; true if it was their last anywhere. */
    boolean departed(String room, ChatUser user);

    /** The room's members on all nodes, or empty when only this node's own are known. */
    Optional<List<PresenceState.Member>> members(String room);
}
