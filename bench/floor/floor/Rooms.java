package floor;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/** The rooms' members and the frames of the reference protocol, shared by both endpoints. */
final class Rooms {

    static final String EMPTY_HISTORY = "{\"type\":\"history\",\"messages\":[]}";

    private static final ConcurrentHashMap<String, Set<Session>> MEMBERS = new ConcurrentHashMap<>();

    record Inbound(String id, String body) {}

    /** One endpoint's way of sending a frame to one session. */
    interface Send {
        void to(Session session, String text) throws IOException;
    }

    private Rooms() {}

    static void join(String room, Session session) {
        MEMBERS.computeIfAbsent(room, name -> new CopyOnWriteArraySet<>()).add(session);
    }

    static void leave(String room, Session session) {
        Set<Session> members = MEMBERS.get(room);
        if (members != null) {
            members.remove(session);
        }
    }

    static Set<Session> members(String room) {
        return MEMBERS.getOrDefault(room, Set.of());
    }

    /** The reference's relay: a {@code message} goes to every other member, then its ack to the sender. */
    static void relay(String room, Session sender, String text, Send send) throws IOException {
        Inbound in = parse(text);
        if (in == null) {
            return;
        }
        String out = frame(in, sender.getId());
        for (Session other : members(room)) {
            if (other != sender && other.isOpen()) {
                send.to(other, out);
            }
        }
        send.to(sender, ack(in));
    }

    static Inbound parse(String text) {
        try {
            JsonObject frame = Json.createReader(new StringReader(text)).readObject();
            return "message".equals(frame.getString("type", "")) ? new Inbound(frame.getString("id"), frame.getString("body")) : null;
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    static String frame(Inbound in, String user) {
        return Json.createObjectBuilder()
                .add("type", "message")
                .add("message", Json.createObjectBuilder()
                        .add("id", in.id())
                        .add("user", user)
                        .add("body", in.body())
                        .add("createdAt", System.currentTimeMillis()))
                .build()
                .toString();
    }

    static String ack(Inbound in) {
        return Json.createObjectBuilder().add("type", "ack").add("id", in.id()).build().toString();
    }
}
