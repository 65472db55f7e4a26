package dev.parley.chat.room.entity;

import java.time.Instant;

/** A row of {@code GET /api/rooms}. */
public record RoomSummary(String name, String title, int online, long lastSeq, Instant lastActivityAt) {}
