package dev.parley.chat.room.entity;

import java.time.Instant;

/**
 * A row of {@code GET /api/rooms}. {@code unread}, {@code mentions} and {@code lastRead} (the
 * caller's read marker) are extensions, null in rooms the caller never read.
 */
public record RoomSummary(
        String name,
        String title,
        int online,
        long lastSeq,
        Instant lastActivityAt,
        Long lastRead,
        Long unread,
        Long mentions) {

    public RoomSummary(String name, String title, int online, long lastSeq, Instant lastActivityAt) {
        this(name, title, online, lastSeq, lastActivityAt, null, null, null);
    }

    public RoomSummary with(Unread counts) {
        return counts == null
                ? this
                : new RoomSummary(
                        name,
                        title,
                        online,
                        lastSeq,
                        lastActivityAt,
                        counts.lastRead(),
                        counts.unread(),
                        counts.mentions());
    }
}
