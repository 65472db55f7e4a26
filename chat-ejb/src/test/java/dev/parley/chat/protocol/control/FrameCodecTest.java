package dev.parley.chat.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.protocol.entity.ClientFrame;
import dev.parley.chat.protocol.entity.ErrorCode;
import dev.parley.chat.protocol.entity.Frames;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    @Test
    void readsTheFieldsOfAClientFrameAndIgnoresUnknownOnes() throws Exception {
        ClientFrame frame = FrameCodec.read("{\"type\":\"message\",\"id\":\"x\",\"body\":\"hi\",\"extra\":1}");
        assertThat(frame.type()).isEqualTo("message");
        assertThat(frame.id()).isEqualTo("x");
        assertThat(frame.body()).isEqualTo("hi");
        assertThat(FrameCodec.read("{\"type\":\"cursor\",\"x\":0.5,\"y\":1}").y())
                .isEqualTo(1.0);
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        for (String text : new String[] {"", "null", "[]", "42", "\"s\"", "{", "{\"type\":"}) {
            assertThatThrownBy(() -> FrameCodec.read(text))
                    .as(text)
                    .isInstanceOf(FrameCodec.MalformedFrameException.class);
        }
    }

    @Test
    void writesFramesWithTheContractsFieldNamesAndLeavesOutNulls() {
        String error = FrameCodec.write(new Frames.Error(ErrorCode.RATE_LIMITED, "slow down", null));
        assertThat(error)
                .contains("\"type\":\"error\"")
                .contains("\"code\":\"rate_limited\"")
                .doesNotContain("\"id\"");
        String typing = FrameCodec.write(new Frames.Typing(new ChatUser("u1", "Ann"), true));
        assertThat(typing)
                .contains("\"type\":\"typing\"")
                .contains("\"user\":{\"id\":\"u1\",\"name\":\"Ann\"}")
                .contains("\"typing\":true");
    }
}
