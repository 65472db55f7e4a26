package dev.parley.chat.message.control;

import dev.parley.chat.identity.entity.ChatUser;

/**
 * A user message on its way to the database; {@code id} is the client's, already normalized;
 * {@code replyTo} the normalized id of the message it answers, or null.
 */
public record NewMessage(String room, ChatUser user, String id, String body, String replyTo) {

    public NewMessage(String room, ChatUser user, String id, String body) {
        this(room, user, id, body, null);
    }
}
