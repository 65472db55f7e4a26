package dev.parley.chat.assistant.control;

import dev.parley.chat.usage.entity.UsageRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What a finished reply cost: the provider's own count when it sent one, else an estimate (the
 * prompt counted only if the provider answered at all: one that refused or never answered is not
 * assumed to have read it).
 */
public final class ReplyUsage {

    private ReplyUsage() {}

    public static ChunkParser.Usage of(Reply reply, String body) {
        ChunkParser.Usage reported = reply.usage();
        if (reported != null) {
            return reported;
        }
        return new ChunkParser.Usage(reply.anyText() ? reply.promptEstimate() : 0, TokenCounter.count(body));
    }

    /** The usage row of a reply that ended with {@code ending}, {@code usage} as {@link #of} gave it. */
    public static UsageRecord record(Reply reply, Reply.Ending ending, ChunkParser.Usage usage, Instant now) {
        return new UsageRecord(
                UUID.randomUUID().toString(),
                reply.message().room(),
                reply.askedBy().id(),
                reply.askedBy().name(),
                reply.speaker().model(),
                reply.speaker().usageName(),
                usage.promptTokens(),
                usage.completionTokens(),
                reply.usage() == null,
                reply.elapsedMillis(),
                ending.status().wireName(),
                now.truncatedTo(ChronoUnit.MILLIS));
    }
}
