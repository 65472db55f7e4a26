package dev.parley.chat.cluster.control;

import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomSignal;

/**
 * The text a node publishes on the fan-out channel: a kind letter and newline-separated fields,
 * the frame's JSON last and untouched (no escaping on the hot path). Room names, ids and node ids
 * never hold a newline.
 */
public final class FanoutWire {

    private static final char BROADCAST = 'b';
    private static final char SIGNAL = 's';
    private static final char PROBE = 'p';

    private FanoutWire() {}

    public static String broadcast(RoomBroadcast b) {
        return BROADCAST + "\n" + b.room() + "\n" + b.seq() + "\n" + b.streamIndex() + "\n"
                + orEmpty(b.exceptConnectionId()) + "\n" + orEmpty(b.toUserId()) + "\n" + b.json();
    }

    public static String signal(RoomSignal signal) {
        return SIGNAL + "\n" + signal.room() + "\n" + signal.kind().name()
                + (signal.subject() == null ? "" : "\n" + signal.subject());
    }

    /** A node's message to itself, proving that its subscription receives what it publishes. */
    public static String probe(String nodeId, long nonce) {
        return PROBE + "\n" + nodeId + "\n" + nonce;
    }

    /** Hands a received message to the handler method for its kind; unknown kinds are ignored. */
    public static void read(String text, Handler handler) {
        if (text.length() < 2 || text.charAt(1) != '\n') {
            return;
        }
        switch (text.charAt(0)) {
            case BROADCAST -> {
                String[] f = text.split("\n", 7);
                if (f.length == 7) {
                    handler.broadcast(new RoomBroadcast(
                            f[1],
                            f[6],
                            Long.parseLong(f[2]),
                            nullIfEmpty(f[4]),
                            nullIfEmpty(f[5]),
                            Long.parseLong(f[3])));
                }
            }
            case SIGNAL -> {
                String[] f = text.split("\n", 4);
                RoomSignal.Kind kind = f.length >= 3 ? kindOf(f[2]) : null;
                if (kind != null) {
                    handler.signal(new RoomSignal(f[1], kind, f.length == 4 ? f[3] : null));
                }
            }
            case PROBE -> {
                String[] f = text.split("\n", 3);
                if (f.length == 3) {
                    handler.probe(f[1], Long.parseLong(f[2]));
                }
            }
            default -> {
                // a newer node's kind: this node has nothing to do with it
            }
        }
    }

    /** Null for a kind this node does not know (a newer node's). */
    private static RoomSignal.Kind kindOf(String name) {
        for (RoomSignal.Kind kind : RoomSignal.Kind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String nullIfEmpty(String value) {
        return value.isEmpty() ? null : value;
    }

    /** What a node does with each kind of message. */
    public interface Handler {
        void broadcast(RoomBroadcast broadcast);

        void signal(RoomSignal signal);

        void probe(String nodeId, long nonce);
    }
}
