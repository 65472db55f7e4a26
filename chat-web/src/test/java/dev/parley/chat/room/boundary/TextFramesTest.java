package dev.parley.chat.room.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.room.control.OutboundFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextFramesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 1_000_000})
    void eachLengthGetsTheHeaderRfc6455AsksFor(int length) {
        String text = "a".repeat(length);
        ByteBuffer wire = TextFrames.of(List.of(OutboundFrame.of(text)));

        assertThat(wire.get()).as("FIN + text opcode").isEqualTo((byte) 0x81);
        int marker = wire.get() & 0xFF;
        assertThat(marker & 0x80).as("a server never masks").isZero();
        int expectedHeader = length < 126 ? 2 : length <= 65_535 ? 4 : 10;
        assertThat(wire.limit()).isEqualTo(expectedHeader + length);
        assertThat(decode(wire.rewind())).containsExactly(text);
    }

    @Test
    void severalFramesLieEndToEndAndLengthsCountUtf8Bytes() {
        List<String> texts = List.of("{\"type\":\"ack\"}", "", "grüße 👋 " + "x".repeat(200), "ü".repeat(40_000));
        ByteBuffer wire = TextFrames.of(texts.stream().map(OutboundFrame::of).toList());

        assertThat(decode(wire)).containsExactlyElementsOf(texts);
    }

    @Test
    void theSameFrameInstanceCanBeWrittenForManyConnections() {
        OutboundFrame shared = OutboundFrame.of("{\"type\":\"message\",\"body\":\"é\"}");
        ByteBuffer first = TextFrames.of(List.of(shared));
        ByteBuffer second = TextFrames.of(List.of(shared, shared));

        assertThat(decode(first)).containsExactly(shared.json());
        assertThat(decode(second)).containsExactly(shared.json(), shared.json());
        assertThat(shared.utf8()).as("encoded once and kept").isSameAs(shared.utf8());
    }

    /** A client's reading of server frames, written from RFC 6455 rather than from the encoder. */
    private static List<String> decode(ByteBuffer wire) {
        List<String> texts = new ArrayList<>();
        while (wire.hasRemaining()) {
            int first = wire.get() & 0xFF;
            assertThat(first).isEqualTo(0x81);
            long length = wire.get() & 0x7F;
            if (length == 126) {
                length = wire.getShort() & 0xFFFF;
            } else if (length == 127) {
                length = wire.getLong();
            }
            byte[] payload = new byte[(int) length];
            wire.get(payload);
            texts.add(new String(payload, StandardCharsets.UTF_8));
        }
        return texts;
    }
}
