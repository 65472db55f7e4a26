package dev.parley.chat.protocol.entity;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.room.entity.RoomView;
import java.util.List;

/** The frames the server sends, one record each; field names are the contract's. */
public final class Frames {

    private Frames() {}

    /**
     * {@code lastRev} (an extension) is the room's change counter: resume with it as {@code rev};
     * {@code lastRead} (an extension) the user's read marker in the room, null if they never read it.
     */
    public record Welcome(
            String type,
            ChatUser you,
            String room,
            List<ChatUser> presence,
            long lastSeq,
            long lastRev,
            Long lastRead) {
        public Welcome(ChatUser you, String room, List<ChatUser> presence, long lastSeq, long lastRev, Long lastRead) {
            this("welcome", you, room, presence, lastSeq, lastRev, lastRead);
        }
    }

    /** The user's read marker in this room moved (on another of their connections, or this one). */
    public record Read(String type, long seq) {
        public Read(long seq) {
            this("read", seq);
        }
    }

    /** A stored message changed (edited or deleted by its author): its whole current state. */
    public record Update(String type, MessageView message, long rev) {
        public Update(MessageView message, long rev) {
            this("update", message, rev);
        }
    }

    /**
     * After the history of a resume with {@code rev}: the messages up to {@code since} that changed
     * after {@code rev}, in their current state, in the order they changed.
     */
    public record Changes(String type, List<MessageView> messages, boolean hasMore, long lastRev) {
        public Changes(List<MessageView> messages, boolean hasMore, long lastRev) {
            this("changes", messages, hasMore, lastRev);
        }
    }

    public record History(String type, List<MessageView> messages, boolean hasMore) {
        public History(List<MessageView> messages, boolean hasMore) {
            this("history", messages, hasMore);
        }
    }

    public record Ack(String type, String id, long seq) {
        public Ack(String id, long seq) {
            this("ack", id, seq);
        }
    }

    public record MessageFrame(String type, MessageView message) {
        public MessageFrame(MessageView message) {
            this("message", message);
        }
    }

    public record Typing(String type, ChatUser user, boolean typing) {
        public Typing(ChatUser user, boolean typing) {
            this("typing", user, typing);
        }
    }

    public record Cursor(String type, ChatUser user, double x, double y) {
        public Cursor(ChatUser user, double x, double y) {
            this("cursor", user, x, y);
        }
    }

    public record Pong(String type) {
        public Pong() {
            this("pong");
        }
    }

    public record Join(String type, ChatUser user) {
        public Join(ChatUser user) {
            this("join", user);
        }
    }

    public record Leave(String type, ChatUser user) {
        public Leave(ChatUser user) {
            this("leave", user);
        }
    }

    public record RoomChanged(String type, RoomView room) {
        public RoomChanged(RoomView room) {
            this("room", room);
        }
    }

    public record Deleted(String type, String id) {
        public Deleted(String id) {
            this("deleted", id);
        }
    }

    /** A piece of a streaming assistant reply; {@code index} counts the reply's deltas from 1. */
    public record Delta(String type, String messageId, String text, long index) {
        public Delta(String messageId, String text, long index) {
            this("delta", messageId, text, index);
        }
    }

    public record Complete(String type, MessageView message) {
        public Complete(MessageView message) {
            this("complete", message);
        }
    }

    public record Usage(String type, dev.parley.chat.usage.entity.Tally total) {
        public Usage(dev.parley.chat.usage.entity.Tally total) {
            this("usage", total);
        }
    }

    /**
     * A private catch-up starts streaming to the one who asked: a summary of the room's messages
     * {@code from} to {@code to} (seqs), nobody else sees it and it is not stored.
     */
    public record Summary(String type, String id, String room, long from, long to, int messages) {
        public Summary(String id, String room, long from, long to, int messages) {
            this("summary", id, room, from, to, messages);
        }
    }

    /** The next text of a streaming catch-up; {@code index} counts from 1 as for {@code delta}. */
    public record SummaryDelta(String type, String id, String text, long index) {
        public SummaryDelta(String id, String text, long index) {
            this("summaryDelta", id, text, index);
        }
    }

    /**
     * The catch-up ended ({@code complete}, or {@code failed} with the problem): its whole text,
     * and the seqs of the messages it cites as {@code [#seq]}.
     */
    public record SummaryEnd(String type, String id, String status, String body, List<Long> sources, String problem) {
        public SummaryEnd(String id, String status, String body, List<Long> sources, String problem) {
            this("summaryEnd", id, status, body, sources, problem);
        }
    }

    public record Error(String type, String code, String message, String id) {
        public Error(ErrorCode code, String message, String id) {
            this("error", code.wireName(), message, id);
        }
    }
}
