package dev.parley.chat.message.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.protocol.entity.ErrorCode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageRulesTest {

    MessageRules cut = new MessageRules(5);
    String id = UUID.randomUUID().toString();

    @Test
    void acceptsAUuidAndABodyWithinTheLimitInCodePoints() {
        assertThat(cut.check(id, "hello")).isEmpty();
        assertThat(cut.check(id.toUpperCase(), "😀😀😀😀😀")).isEmpty();
    }

    @Test
    void refusesMissingOrMalformedIdsAndBlankBodies() {
        assertThat(cut.check(null, "x"))
                .get()
                .extracting(MessageRules.Violation::code)
                .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(cut.check("123", "x"))
                .get()
                .extracting(MessageRules.Violation::code)
                .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(cut.check(id, " \n\t"))
                .get()
                .extracting(MessageRules.Violation::code)
                .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(cut.check(id, null))
                .get()
                .extracting(MessageRules.Violation::code)
                .isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void refusesBodiesOverTheLimitAsTooLarge() {
        assertThat(cut.check(id, "😀😀😀😀😀😀"))
                .get()
                .extracting(MessageRules.Violation::code)
                .isEqualTo(ErrorCode.TOO_LARGE);
    }

    @Test
    void normalizesIdsSoACaseChangeIsStillARetry() {
        assertThat(MessageRules.normalizeId(id.toUpperCase())).isEqualTo(id);
    }
}
