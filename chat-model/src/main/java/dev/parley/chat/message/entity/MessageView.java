package dev.parley.chat.message.entity;

import dev.parley.chat.identity.entity.ChatUser;
import java.time.Instant;

/**
 * The contract's message object, plus {@code editedAt} (its author changed the body) and
 * {@code deletedAt} (a tombstone: the body is empty). Both are left out of the JSON when null.
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
        Instant deletedAt) {

    public MessageView(
            String id,
            long seq,
            String room,
            ChatUser user,
            String role,
            String body,
            String status,
            Instant createdAt) {
        this(id, seq, room, user, role, body, status, createdAt, null, null);
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
