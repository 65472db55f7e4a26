package dev.parley.chat.message.control;

import dev.parley.chat.message.entity.MessageView;

/** What an edit or a deletion came to; {@code message} and {@code rev} are set when it changed. */
public record ChangeOutcome(Kind kind, MessageView message, long rev) {

    public enum Kind {
        CHANGED,
        /** No message with this id in the room (never stored, or removed by an administrator). */
        NOT_FOUND,
        /** Someone else's message, and the caller is not an admin. */
        FORBIDDEN,
        /** Already deleted, or not a user's message (the assistant's and the system's stay as they are). */
        NOT_CHANGEABLE,
        /** A new emoji on a message that already has the most different ones allowed. */
        TOO_MANY_REACTIONS
    }

    public static ChangeOutcome changed(MessageView message, long rev) {
        return new ChangeOutcome(Kind.CHANGED, message, rev);
    }

    public static ChangeOutcome refused(Kind kind) {
        return new ChangeOutcome(kind, null, 0);
    }
}
