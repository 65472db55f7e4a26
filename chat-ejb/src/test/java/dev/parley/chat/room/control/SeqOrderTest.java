package dev.parley.chat.room.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeqOrderTest {

    /** A frame: its message seq (0 for none) and a name to follow it by. */
    record Frame(long seq, String name) {
        static Frame message(long seq) {
            return new Frame(seq, "m" + seq);
        }

        static Frame other(String name) {
            return new Frame(0, name);
        }
    }

    private final SeqOrder<Frame> order = new SeqOrder<>(Frame::seq);
    private final List<String> delivered = new ArrayList<>();

    private boolean offer(Frame frame) {
        return order.offer(frame, f -> delivered.add(f.name()));
    }

    @Test
    void framesInOrderGoOnAtOnce() {
        assertThat(offer(Frame.message(5))).isFalse();
        offer(Frame.other("typing"));
        offer(Frame.message(6));
        offer(Frame.message(7));

        assertThat(delivered).containsExactly("m5", "typing", "m6", "m7");
        assertThat(order.holding()).isFalse();
    }

    @Test
    void aFrameAfterAGapWaitsForIt() {
        offer(Frame.message(9));

        assertThat(offer(Frame.message(11))).as("starts a wait").isTrue();
        assertThat(delivered).containsExactly("m9");

        assertThat(offer(Frame.message(10))).isFalse();
        assertThat(delivered).containsExactly("m9", "m10", "m11");
        assertThat(order.holding()).isFalse();
    }

    @Test
    void framesWithoutSeqWaitBehindAHeldMessage() {
        offer(Frame.message(1));
        offer(Frame.message(3));
        assertThat(offer(Frame.other("delta")))
                .as("joins the wait, starts none")
                .isFalse();
        offer(Frame.message(4));

        offer(Frame.message(2));

        assertThat(delivered).containsExactly("m1", "m2", "m3", "delta", "m4");
    }

    @Test
    void aLongerGapFillsStepByStep() {
        offer(Frame.message(1));
        offer(Frame.message(4));
        offer(Frame.message(3));
        assertThat(delivered).containsExactly("m1");

        offer(Frame.message(2));

        assertThat(delivered).containsExactly("m1", "m2", "m3", "m4");
    }

    @Test
    void aSeqThatNeverComesIsGivenUpOnAndTheOrderGoesOnFromThere() {
        offer(Frame.message(1));
        offer(Frame.message(3));
        offer(Frame.other("typing"));

        order.release(f -> delivered.add(f.name()));
        offer(Frame.message(4));

        assertThat(delivered).containsExactly("m1", "m3", "typing", "m4");
        assertThat(order.holding()).isFalse();
    }

    @Test
    void anOldSeqGoesOnAtOnce() {
        offer(Frame.message(7));
        offer(Frame.message(5)); // e.g. a node's late broadcast after a fallback

        assertThat(delivered).containsExactly("m7", "m5");
        offer(Frame.message(8));
        assertThat(delivered).containsExactly("m7", "m5", "m8");
    }
}
