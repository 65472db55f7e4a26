package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrosstalkAnswerTest {

    private static final String BODY = "{\"mode\":\"dev\"}";

    private static String check(String raw) {
        return Crosstalk.checkAnswer(raw.getBytes(StandardCharsets.ISO_8859_1), json -> json.containsKey("mode"));
    }

    @Test
    void aWholeAnswerPasses() {
        assertThat(check("HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\n" + BODY))
                .isNull();
    }

    @Test
    void exactlyTheRightBodyWithoutItsHeadIsALostHead() {
        assertThat(check(BODY)).startsWith(Crosstalk.LOST_HEAD);
    }

    @Test
    void anythingElseWithoutAHeadIsNot() {
        assertThat(check("{\"type\":\"leave\",\"userId\":\"u1\"}")).doesNotContain(Crosstalk.LOST_HEAD);
        assertThat(check("\u0081\u000e" + BODY)).doesNotContain(Crosstalk.LOST_HEAD);
        assertThat(check(BODY + "\u0081\u0002{}")).doesNotContain(Crosstalk.LOST_HEAD);
        assertThat(check("")).doesNotContain(Crosstalk.LOST_HEAD).isNotNull();
    }

    @Test
    void foreignBytesAfterAWholeAnswerFail() {
        assertThat(check("HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\n" + BODY + "\u0081\u0002{}"))
                .isNotNull()
                .doesNotContain(Crosstalk.LOST_HEAD);
    }

    @Test
    void aFewLostHeadsArePrintedNotFailed() {
        String lost = Crosstalk.LOST_HEAD + BODY;
        assertThatCode(() -> Crosstalk.assertNothingButLostHeads(
                        List.of("round 3: " + lost, "round 9: " + lost), "problems"))
                .doesNotThrowAnyException();
    }

    @Test
    void moreLostHeadsThanToleratedFail() {
        String lost = Crosstalk.LOST_HEAD + BODY;
        assertThatThrownBy(() -> Crosstalk.assertNothingButLostHeads(List.of(lost, lost, lost), "problems"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("lost");
    }

    @Test
    void anyOtherProblemFailsBesideLostHeads() {
        assertThatThrownBy(() -> Crosstalk.assertNothingButLostHeads(
                        List.of(Crosstalk.LOST_HEAD + BODY, "round 4: unexpected frame: {}"), "problems"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("unexpected frame");
    }
}
