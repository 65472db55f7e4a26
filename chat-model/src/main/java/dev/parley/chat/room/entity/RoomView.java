package dev.parley.chat.room.entity;

import java.time.Instant;
import java.util.List;

/** A room as {@code PUT /api/rooms/{room}} and the {@code room} frame show it, with its AI participants. */
public record RoomView(
        String name,
        String title,
        String assistant,
        String persona,
        List<String> allowedGroups,
        String creatorId,
        long lastSeq,
        Instant lastActivityAt,
        List<ParticipantView> participants) {

    public static RoomView of(Room room, List<ParticipantView> participants) {
        return new RoomView(
                room.name(),
                room.title(),
                room.assistantMode().wireName(),
                room.persona(),
                room.allowedGroups(),
                room.creatorId(),
                room.lastSeq(),
                room.lastActivityAt(),
                participants);
    }
}
