package dev.parley.chat.assistant.boundary;

import dev.parley.chat.assistant.control.Reply;
import dev.parley.chat.message.boundary.MessageStore;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.message.entity.Status;
import dev.parley.chat.room.entity.Broadcast;
import dev.parley.chat.room.entity.RoomBroadcast;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replies that stream on other nodes, rebuilt from the deltas that reach this one, so that a
 * client connecting here mid-reply gets the body so far and then exactly the rest (as it would on
 * the streaming node). It sees this node's own deltas too; {@link Assistant} answers from its own
 * replies first.
 */
@ApplicationScoped
public class RemoteReplies {

    @EJB
    MessageStore store;

    /** Made once: {@code Json.createReader} looks its provider up through the ServiceLoader on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final Map<String, Mirror> byRoom = new ConcurrentHashMap<>();

    /**
     * Runs before the delivery to connections: a connection that opens meanwhile either finds a
     * delta here (and drops it from what it holds) or gets it live, never neither.
     */
    void onBroadcast(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Broadcast RoomBroadcast broadcast) {
        if (broadcast.streamIndex() <= 0) {
            return;
        }
        JsonObject delta;
        try (var reader = READERS.createReader(new StringReader(broadcast.json()))) {
            delta = reader.readObject();
        }
        String messageId = delta.getString("messageId");
        byRoom.compute(broadcast.room(), (room, mirror) -> {
            Mirror current = mirror == null || !mirror.messageId().equals(messageId) ? new Mirror(messageId) : mirror;
            current.add(delta.getString("text"), broadcast.streamIndex());
            return current;
        });
    }

    /** The reply streaming in the room on some node, if this node has seen its deltas. */
    public Optional<Reply.Snapshot> snapshot(String room) {
        Mirror mirror = byRoom.get(room);
        if (mirror == null) {
            return Optional.empty();
        }
        Optional<MessageView> stored = store.find(room, mirror.messageId());
        if (stored.isEmpty() || !Status.STREAMING.wireName().equals(stored.get().status())) {
            byRoom.remove(room, mirror); // it ended: the database holds the whole body
            return Optional.empty();
        }
        return Optional.of(mirror.snapshot(stored.get()));
    }

    /** One reply's body as its deltas built it. */
    private static final class Mirror {
        private final String messageId;
        private final StringBuilder body = new StringBuilder();
        private long deltas;

        Mirror(String messageId) {
            this.messageId = messageId;
        }

        String messageId() {
            return messageId;
        }

        synchronized void add(String text, long index) {
            if (index > deltas) {
                body.append(text);
                deltas = index;
            }
        }

        synchronized Reply.Snapshot snapshot(MessageView placeholder) {
            return new Reply.Snapshot(placeholder, body.toString(), deltas);
        }
    }
}
