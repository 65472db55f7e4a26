package dev.parley.chat.room.control;

import java.nio.charset.StandardCharsets;

/**
 * A serialized frame on its way to connections. {@code seq} is the message seq it carries, or 0;
 * {@code streamIndex} the index of an assistant delta, or 0: frames that raced with a history load
 * are dropped when the history (or the streaming reply's body so far) already had them.
 *
 * <p>A broadcast hands the same instance to every connection of the room, so its UTF-8 bytes are
 * encoded once, by whichever connection writes it first.
 */
public final class OutboundFrame {

    private final String json;
    private final long seq;
    private final long streamIndex;
    private byte[] utf8; // racy single-check: at worst two threads encode the same bytes

    public OutboundFrame(String json, long seq, long streamIndex) {
        this.json = json;
        this.seq = seq;
        this.streamIndex = streamIndex;
    }

    public OutboundFrame(String json, long seq) {
        this(json, seq, 0);
    }

    public static OutboundFrame of(String json) {
        return new OutboundFrame(json, 0, 0);
    }

    public String json() {
        return json;
    }

    public long seq() {
        return seq;
    }

    public long streamIndex() {
        return streamIndex;
    }

    /** The JSON as UTF-8; the array is shared, never modify it. */
    public byte[] utf8() {
        byte[] encoded = utf8;
        if (encoded == null) {
            encoded = json.getBytes(StandardCharsets.UTF_8);
            utf8 = encoded;
        }
        return encoded;
    }

    /** True when a history that covers messages up to {@code coveredSeq} and deltas up to {@code coveredDelta} has it. */
    boolean coveredBy(long coveredSeq, long coveredDelta) {
        return (seq != 0 && seq <= coveredSeq) || (streamIndex != 0 && streamIndex <= coveredDelta);
    }

    @Override
    public String toString() {
        return "OutboundFrame[seq=" + seq + ", streamIndex=" + streamIndex + ", json=" + json + "]";
    }
}
