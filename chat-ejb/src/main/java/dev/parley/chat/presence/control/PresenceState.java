package dev.parley.chat.presence.control;

import dev.parley.chat.identity.entity.ChatUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is in which room, counted by connections. Pure state, no container: a user joins a room
 * with their first connection and leaves it with their last. Each room's map is only changed
 * under that room's lock, so rooms never contend with each other.
 */
public final class PresenceState {

    private final Map<String, Map<String, Member>> rooms = new ConcurrentHashMap<>();

    /** Counts one more connection; true when it is the user's first in the room. */
    public boolean connect(String room, ChatUser user) {
        Map<String, Member> members = rooms.computeIfAbsent(room, r -> new LinkedHashMap<>());
        synchronized (members) {
            Member member = members.get(user.id());
            if (member == null) {
                members.put(user.id(), new Member(user, 1));
                return true;
            }
            members.put(user.id(), new Member(member.user(), member.connections() + 1));
            return false;
        }
    }

    /** Counts one connection less; true when it was the user's last in the room. */
    public boolean disconnect(String room, ChatUser user) {
        Map<String, Member> members = rooms.get(room);
        if (members == null) {
            return false;
        }
        synchronized (members) {
            Member member = members.get(user.id());
            if (member == null) {
                return false;
            }
            if (member.connections() > 1) {
                members.put(user.id(), new Member(member.user(), member.connections() - 1));
                return false;
            }
            members.remove(user.id());
            return true;
        }
    }

    /** The room's members in the order they came, each once. */
    public List<Member> members(String room) {
        Map<String, Member> members = rooms.get(room);
        if (members == null) {
            return List.of();
        }
        synchronized (members) {
            return new ArrayList<>(members.values());
        }
    }

    public int online(String room) {
        Map<String, Member> members = rooms.get(room);
        if (members == null) {
            return 0;
        }
        synchronized (members) {
            return members.size();
        }
    }

    /** A user in a room and how many connections they have there. */
    public record Member(ChatUser user, int connections) {}
}
