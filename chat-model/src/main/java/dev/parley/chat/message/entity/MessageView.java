package dev.parley.chat.message.entity;

import dev.parley.chat.identity.entity.ChatUser;
import java.time.Instant;

/** The contract's message object. */
public record MessageView(
        String id, long seq, String room, ChatUser user, String role, String body, String status, Instant createdAt) {

    public static MessageView of(Message message) {
        return new MessageView(
                message.id(),
                message.seq(),
                message.room(),
                new ChatUser(message.userId(), message.userName()),
                message.role().wireName(),
                message.body(),
                message.status().wireName(),
                message.createdAt());
    }
}
