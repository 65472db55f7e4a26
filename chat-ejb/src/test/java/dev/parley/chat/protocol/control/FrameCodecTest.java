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
        ClientFrame frame = FrameCodec.read("{\"type\":\"message\",\"id\":\"x\",\"body\":\"hi\",\"extra\":[1,{}]}");
        assertThat(frame.type()).isEqualTo("message");
        assertThat(frame.id()).isEqualTo("x");
        assertThat(frame.body()).isEqualTo("hi");
        assertThat(FrameCodec.read("{\"type\":\"cursor\",\"x\":0.5,\"y\":1}").y())
                .isEqualTo(1.0);
        assertThat(FrameCodec.read("{\"type\":\"typing\",\"typing\":false}").typing())
                .isFalse();
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        for (String text :
                new String[] {"", "null", "[]", "42", "\"s\"", "{", "{\"type\":", "{}{}", "{} x", "{\"a\":1,}"}) {
            assertThatThrownBy(() -> FrameCodec.read(text))
                    .as(text)
                    .isInstanceOf(FrameCodec.MalformedFrameException.class);
        }
    }

    @Test
    void aFieldOfTheWrongJsonTypeIsRefusedWithTheFramesId() {
        String id = "6f1c3f0e-0000-4000-8000-000000000001";
        String[] wrong = {
            "{\"type\":\"message\",\"id\":\"" + id + "\",\"body\":42}",
            "{\"type\":\"message\",\"id\":\"" + id + "\",\"body\":true}",
            "{\"type\":\"message\",\"id\":\"" + id + "\",\"body\":[\"a\"]}",
            "{\"type\":\"message\",\"id\":\"" + id + "\",\"body\":{\"text\":\"a\"}}",
            "{\"type\":\"typing\",\"id\":\"" + id + "\",\"typing\":\"true\"}",
            "{\"type\":\"typing\",\"id\":\"" + id + "\",\"typing\":1}",
            "{\"type\":\"cursor\",\"id\":\"" + id + "\",\"x\":\"0.5\",\"y\":0.5}",
            "{\"type\":42,\"id\":\"" + id + "\"}",
        };
        for (String text : wrong) {
            assertThatThrownBy(() -> FrameCodec.read(text))
                    .as(text)
                    .isInstanceOfSatisfying(FrameCodec.MalformedFrameException.class, e -> assertThat(e.id())
                            .isEqualTo(id));
        }
        assertThatThrownBy(() -> FrameCodec.read("{\"type\":\"message\",\"id\":7,\"body\":\"a\"}"))
                .isInstanceOfSatisfying(FrameCodec.MalformedFrameException.class, e -> {
                    assertThat(e.id()).isNull();
                    assertThat(e.getMessage()).contains("'id'");
                });
    }

    @Test
    void hugeAndNonFiniteNumbersAreRefusedNotCoerced() {
        assertThatThrownBy(() -> FrameCodec.read("{\"type\":\"cursor\",\"x\":1e400,\"y\":0}"))
                .isInstanceOf(FrameCodec.MalformedFrameException.class);
        assertThatThrownBy(() -> FrameCodec.read("{\"type\":\"cursor\",\"x\":1e999999999,\"y\":0}"))
                .isInstanceOf(FrameCodec.MalformedFrameException.class);
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
