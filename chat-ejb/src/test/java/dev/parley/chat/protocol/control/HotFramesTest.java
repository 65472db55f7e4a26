package dev.parley.chat.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.message.entity.ReactionView;
import dev.parley.chat.message.entity.ReplyQuote;
import dev.parley.chat.protocol.entity.Frames;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written frames are the very JSON that JSON-B writes for the same records. */
class HotFramesTest {

    private static final ChatUser ALICE = new ChatUser("u-1", "Alice \"the\" <b>admin</b>");
    private static final List<String> BODIES = List.of(
            "hello",
            "",
            "quotes \" and \\ backslash / slash",
            "lines\nand\ttabs\r\u0000\u001f controls",
            "émoji 😀 and \u2028 separators \ud7ff",
            "<script>alert(1)</script>");

    @Test
    void aMessageFrameIsWhatJsonbWrites() {
        for (String body : BODIES) {
            for (Instant at : List.of(
                    Instant.parse("2026-12-03T05:33:12.926Z"),
                    Instant.parse("2026-12-03T05:33:12.900Z"),
                    Instant.parse("2026-12-03T05:33:12Z"))) {
                MessageView message = new MessageView("id-1", 42, "lobby", ALICE, "user", body, "complete", at);
                assertSame(new Frames.MessageFrame(message), FrameCodec.write(new Frames.MessageFrame(message)));
                assertSame(new Frames.Complete(message), FrameCodec.write(new Frames.Complete(message)));
            }
        }
    }

    @Test
    void optionalFieldsAreLeftOutAsJsonbLeavesOutNulls() {
        MessageView bare = new MessageView("id-2", 7, "lobby", new ChatUser("u-2", null), null, "b", null, null);
        assertSame(new Frames.MessageFrame(bare), FrameCodec.write(new Frames.MessageFrame(bare)));
    }

    @Test
    void editedAndDeletedTimesAreWrittenAsJsonbWritesThem() {
        Instant at = Instant.parse("2026-12-03T05:33:12.926Z");
        MessageView edited = new MessageView("id-3", 8, "lobby", ALICE, "user", "fixed", "complete", at, at, null);
        MessageView deleted = new MessageView("id-4", 9, "lobby", ALICE, "user", "", "complete", at, null, at);
        assertSame(new Frames.MessageFrame(edited), FrameCodec.write(new Frames.MessageFrame(edited)));
        assertSame(new Frames.MessageFrame(deleted), FrameCodec.write(new Frames.MessageFrame(deleted)));
        MessageView reacted = edited.withReactions(List.of(
                new ReactionView("👍", List.of(ALICE, new ChatUser("u-2", "Bob \"B\""))),
                new ReactionView("👩‍💻", List.of(ALICE))));
        assertSame(new Frames.MessageFrame(reacted), FrameCodec.write(new Frames.MessageFrame(reacted)));
        MessageView reply = edited.withReplyTo(new ReplyQuote("id-0", 3, ALICE, "what \"was\" said…", false));
        assertSame(new Frames.MessageFrame(reply), FrameCodec.write(new Frames.MessageFrame(reply)));
        MessageView toRemoved = edited.withReplyTo(new ReplyQuote("id-0", 0, null, "", true));
        assertSame(new Frames.MessageFrame(toRemoved), FrameCodec.write(new Frames.MessageFrame(toRemoved)));
    }

    @Test
    void acksDeltasTypingAndCursorsAreWhatJsonbWrites() {
        assertSame(new Frames.Ack("c-1", Long.MAX_VALUE), FrameCodec.write(new Frames.Ack("c-1", Long.MAX_VALUE)));
        for (String text : BODIES) {
            assertSame(new Frames.Delta("m-1", text, 3), FrameCodec.write(new Frames.Delta("m-1", text, 3)));
        }
        assertSame(new Frames.Typing(ALICE, true), FrameCodec.write(new Frames.Typing(ALICE, true)));
        assertSame(new Frames.Typing(ALICE, false), FrameCodec.write(new Frames.Typing(ALICE, false)));
        assertSame(new Frames.Cursor(ALICE, 0.25, 1.0), FrameCodec.write(new Frames.Cursor(ALICE, 0.25, 1.0)));
        assertSame(
                new Frames.Cursor(ALICE, 0, 0.333333333333),
                FrameCodec.write(new Frames.Cursor(ALICE, 0, 0.333333333333)));
    }

    private static void assertSame(Object frame, String written) {
        String byJsonb = FrameCodec.write((Object) frame);
        assertThat(parse(written)).as(written).isEqualTo(parse(byJsonb));
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
