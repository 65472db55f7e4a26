package dev.parley.chat.message.control;

import dev.parley.chat.message.entity.MessageView;

/** What storing one {@link NewMessage} came to; {@code message} is set when it was stored now. */
public record StoreOutcome(Kind kind, long seq, MessageView message) {

    public enum Kind {
        /** Stored now, with its seq. */
        STORED,
        /** The same user sent this id before: a retry, answered with the first seq. */
        RETRY,
        /** Another user already used this id in the room. */
        ID_TAKEN,
        /** It answers a message the room does not have. */
        NO_SUCH_ORIGINAL
    }

    public static StoreOutcome noSuchOriginal() {
        return new StoreOutcome(Kind.NO_SUCH_ORIGINAL, 0, null);
    }

    public static StoreOutcome stored(MessageView message) {
        return new StoreOutcome(Kind.STORED, message.seq(), message);
    }

    public static StoreOutcome retry(long seq) {
        return new StoreOutcome(Kind.RETRY, seq, null);
    }

    public static StoreOutcome idTaken() {
        return new StoreOutcome(Kind.ID_TAKEN, 0, null);
    }
}
