package dev.parley.chat.message.entity;

import java.util.List;

/** A slice of a room's history, oldest first. */
public record MessagePage(List<MessageView> messages, boolean hasMore) {}
