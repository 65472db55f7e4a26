package dev.parley.chat.room.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.room.control.StreamingReplies;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a connection opening in the middle of a streamed reply gets as its history. */
class StreamingBodyTest {

    private static final ChatUser ALICE = new ChatUser("u-1", "Alice");
    private static final ChatUser ASSISTANT = new ChatUser("assistant", "Assistant");

    @Test
    void theStreamingMessageInTheHistoryShowsItsBodySoFar() {
        List<MessageView> history = List.of(message("m1", 1, "hello"), reply("r2", 2, ""), message("m3", 3, "more"));

        List<MessageView> merged = RoomSessions.withStreamingBody(history, streaming("r2", 2, "Hi the"));

        assertThat(merged).extracting(MessageView::id).containsExactly("m1", "r2", "m3");
        assertThat(merged.get(1).body()).isEqualTo("Hi the");
        assertThat(merged.get(1).status()).isEqualTo("streaming");
    }

    @Test
    void aResumeFromAfterTheReplyStillGetsItInSeqOrder() {
        List<MessageView> sinceSeq2 = List.of(message("m3", 3, "more"), message("m4", 4, "and more"));

        List<MessageView> merged = RoomSessions.withStreamingBody(sinceSeq2, streaming("r2", 2, "Hi the"));

        assertThat(merged).extracting(MessageView::id).containsExactly("r2", "m3", "m4");
    }

    @Test
    void aReplyNewerThanTheWholeHistoryComesLast() {
        List<MessageView> history = List.of(message("m1", 1, "hello"));

        List<MessageView> merged = RoomSessions.withStreamingBody(history, streaming("r2", 2, "Hi"));

        assertThat(merged).extracting(MessageView::id).containsExactly("m1", "r2");
        assertThat(RoomSessions.withStreamingBody(List.of(), streaming("r2", 2, "Hi")))
                .extracting(MessageView::body)
                .containsExactly("Hi");
    }

    private static MessageView message(String id, long seq, String body) {
        return new MessageView(id, seq, "lobby", ALICE, "user", body, "complete", Instant.EPOCH);
    }

    private static MessageView reply(String id, long seq, String body) {
        return new MessageView(id, seq, "lobby", ASSISTANT, "assistant", body, "streaming", Instant.EPOCH);
    }

    private static StreamingReplies.Streaming streaming(String id, long seq, String bodySoFar) {
        return new StreamingReplies.Streaming(reply(id, seq, bodySoFar), 3);
    }
}
