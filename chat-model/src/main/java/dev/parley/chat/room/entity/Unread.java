package dev.parley.chat.room.entity;

/** A room's messages by others after the user's read marker, and how many of them mention the user. */
public record Unread(long lastRead, long unread, long mentions) {}
