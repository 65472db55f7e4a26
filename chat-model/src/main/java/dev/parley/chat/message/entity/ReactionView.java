package dev.parley.chat.message.entity;

import dev.parley.chat.identity.entity.ChatUser;
import java.util.List;

/** One emoji on a message and who reacted with it, in the order they did. */
public record ReactionView(String emoji, List<ChatUser> users) {}
