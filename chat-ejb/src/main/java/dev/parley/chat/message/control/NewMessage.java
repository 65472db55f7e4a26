package dev.parley.chat.message.control;

import dev.parley.chat.identity.entity.ChatUser;

/** A user message on its way to the database; {@code id} is the client's, already normalized. */
public record NewMessage(String room, ChatUser user, String id, String body) {}
