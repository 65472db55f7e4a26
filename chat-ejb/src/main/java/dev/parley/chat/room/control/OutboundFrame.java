package dev.parley.chat.room.control;

/**
 * A serialized frame on its way to a connection. {@code seq} is the message seq it carries, or 0;
 * {@code streamIndex} the index of an assistant delta, or 0: frames that raced with a history load
 * are dropped when the history (or the streaming reply's body so far) already had them.
 */
public record OutboundFrame(String json, long seq, long streamIndex) {

    public OutboundFrame(String json, long seq) {
        this(json, seq, 0);
    }

    public static OutboundFrame of(String json) {
        return new OutboundFrame(json, 0, 0);
    }

    /** True when a history that covers messages up to {@code coveredSeq} and deltas up to {@code coveredDelta} has it. */
    boolean coveredBy(long coveredSeq, long coveredDelta) {
        return (seq != 0 && seq <= coveredSeq) || (streamIndex != 0 && streamIndex <= coveredDelta);
    }
}
