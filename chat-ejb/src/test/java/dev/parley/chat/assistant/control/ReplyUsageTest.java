package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.message.entity.Status;
import dev.parley.chat.usage.entity.UsageRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplyUsageTest {

    private static final ChatUser ALICE = new ChatUser("u-alice", "Alice");
    private static final Instant NOW = Instant.parse("2026-12-05T01:02:03.456789Z");

    @Test
    void theProvidersOwnCountIsTakenAsItIs() {
        Reply reply = reply();
        reply.promptEstimate(900);
        reply.append("Hello there");
        reply.usage(new ChunkParser.Usage(120, 7));

        ChunkParser.Usage usage = ReplyUsage.of(reply, "Hello there");
        UsageRecord record = ReplyUsage.record(reply, new Reply.Ending(Status.COMPLETE, null), usage, NOW);

        assertThat(usage).isEqualTo(new ChunkParser.Usage(120, 7));
        assertThat(record.promptTokens()).isEqualTo(120);
        assertThat(record.completionTokens()).isEqualTo(7);
        assertThat(record.estimated()).isFalse();
        assertThat(record.outcome()).isEqualTo("complete");
        assertThat(record.userId()).isEqualTo("u-alice");
        assertThat(record.room()).isEqualTo("lobby");
        assertThat(record.createdAt()).isEqualTo(Instant.parse("2026-12-05T01:02:03.456Z"));
    }

    @Test
    void withoutACountThePromptIsEstimatedOnlyIfTheProviderAnswered() {
        Reply answered = reply();
        answered.promptEstimate(900);
        answered.append("Hello there, Alice");
        ChunkParser.Usage estimated = ReplyUsage.of(answered, "Hello there, Alice");
        assertThat(estimated.promptTokens()).isEqualTo(900);
        assertThat(estimated.completionTokens()).isEqualTo(TokenCounter.count("Hello there, Alice"));
        assertThat(ReplyUsage.record(answered, new Reply.Ending(Status.STOPPED, null), estimated, NOW)
                        .estimated())
                .isTrue();

        Reply silent = reply();
        silent.promptEstimate(900);
        assertThat(ReplyUsage.of(silent, "")).isEqualTo(new ChunkParser.Usage(0, 0));
    }

    private static Reply reply() {
        MessageView started = new MessageView("r-1", 5, "lobby", Speaker.ASSISTANT, "assistant", "", "streaming", NOW);
        return new Reply(started, ALICE, Speaker.assistant("gpt-test", null));
    }
}
