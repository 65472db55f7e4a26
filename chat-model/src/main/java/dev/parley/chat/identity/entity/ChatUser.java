package dev.parley.chat.identity.entity;

/** A user as the wire shows them: {@code {"id","name"}}. */
public record ChatUser(String id, String name) {}
