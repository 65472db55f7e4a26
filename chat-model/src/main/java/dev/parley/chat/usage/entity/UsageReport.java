package dev.parley.chat.usage.entity;

import dev.parley.chat.identity.entity.ChatUser;
import java.util.List;

/** {@code GET /api/usage}: the totals, per room, per user, and (extensions) per model and per AI participant and model. */
public record UsageReport(
        Tally total,
        List<RoomTally> byRoom,
        List<UserTally> byUser,
        List<ModelTally> byModel,
        List<ParticipantTally> byParticipant) {

    /** A room's tally; the fields sit beside {@code room} as the contract shows them. */
    public record RoomTally(String room, long requests, long promptTokens, long completionTokens, long totalTokens) {}

    /** A model's tally. */
    public record ModelTally(String model, long requests, long promptTokens, long completionTokens, long totalTokens) {}

    /** An AI participant's tally on one model ({@code assistant}, a room's participant, {@code catch-up}). */
    public record ParticipantTally(
            String participant,
            String model,
            long requests,
            long promptTokens,
            long completionTokens,
            long totalTokens) {}

    /** A user's tally. */
    public record UserTally(ChatUser user, long requests, long promptTokens, long completionTokens, long totalTokens) {}
}
