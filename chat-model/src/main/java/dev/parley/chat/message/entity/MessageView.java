package dev.parley.chat.message.entity;

import dev.parley.chat.identity.entity.ChatUser;
import java.time.Instant;
import java.util.List;

/**
 * The contract's message object, plus {@code editedAt} (its author changed the body),
 * {@code deletedAt} (a tombstone: the body is empty), {@code reactions} and {@code replyTo} (the
 * message it answers). Each is left out of the JSON when null.
 */
public record MessageView(
        String id,
        long seq,
        String room,
        ChatUser user,
        String role,
        String body,
        String status,
        Instant createdAt,
        Instant editedAt,
        Instant deletedAt,
        List<ReactionView> reactions,
        ReplyQuote replyTo) {

    public MessageView(
            String id,
            long seq,
            String room,
            ChatUser user,
            String role,
            String body,
            String status,
            Instant createdAt) {
        this(id, seq, room, user, role, body, status, createdAt, null, null, null, null);
    }

    public MessageView(
            String id,
            long seq,
            String room,
            ChatUser user,
            String role,
            String body,
            String status,
            Instant createdAt,
            Instant editedAt,
            Instant deletedAt) {
        this(id, seq, room, user, role, body, status, createdAt, editedAt, deletedAt, null, null);
    }

    /** The same message with these reactions (null or empty: none). */
    public MessageView withReactions(List<ReactionView> reactions) {
        return new MessageView(
                id,
                seq,
                room,
                user,
                role,
                body,
                status,
                createdAt,
                editedAt,
                deletedAt,
                reactions == null || reactions.isEmpty() ? null : List.copyOf(reactions),
                replyTo);
    }

    /** The same message answering this one. */
    public MessageView withReplyTo(ReplyQuote quote) {
        return new MessageView(
                id, seq, room, user, role, body, status, createdAt, editedAt, deletedAt, reactions, quote);
    }

    public static MessageView of(Message message) {
        return new MessageView(
                message.id(),
                message.seq(),
                message.room(),
                new ChatUser(message.userId(), message.userName()),
                message.role().wireName(),
                message.body(),
                message.status().wireName(),
                message.createdAt(),
                message.editedAt(),
                message.deletedAt());
    }
}
