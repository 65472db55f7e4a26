package dev.parley.chat.room.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {

    /** A sink that completes sends only when told to, like a slow network. */
    static final class ManualSink implements FrameSink {
        final List<String> written = new ArrayList<>();
        final List<Consumer<Boolean>> pending = new ArrayList<>();
        boolean completeImmediately;
        Integer closeCode;

        @Override
        public void send(String text, Consumer<Boolean> done) {
            written.add(text);
            if (completeImmediately) {
                done.accept(true);
            } else {
                pending.add(done);
            }
        }

        boolean peerGone;

        @Override
        public void ping(Consumer<Boolean> done) {
            done.accept(!peerGone);
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        void completeOne() {
            pending.remove(0).accept(true);
        }
    }

    ManualSink sink = new ManualSink();
    Outbox cut = new Outbox(sink, 3);

    @Test
    void aFailedPingOrWriteReportsTheConnectionBrokenOnceAndClosesIt() {
        int[] broken = {0};
        cut.whenBroken(() -> broken[0]++);
        cut.open(List.of(), 0, 0);
        cut.ping();
        assertThat(broken[0]).as("a live peer answers the ping").isZero();
        sink.peerGone = true;
        cut.ping();
        cut.ping();
        assertThat(broken[0]).isEqualTo(1);
        assertThat(cut.isClosed()).isTrue();
        assertThat(sink.closeCode).isEqualTo(1001);

        ManualSink other = new ManualSink();
        Outbox failing = new Outbox(other, 10);
        failing.whenBroken(() -> broken[0]++);
        failing.open(List.of(), 0, 0);
        failing.offer(OutboundFrame.of("{}"));
        other.pending.remove(0).accept(false);
        assertThat(broken[0]).as("a failed write").isEqualTo(2);
    }

    @Test
    void holdsEverythingUntilOpenedThenSendsTheFirstFramesAheadAndDropsCoveredMessages() {
        sink.completeImmediately = true;
        Outbox cut = new Outbox(sink, 10);
        cut.offer(new OutboundFrame("m5", 5));
        cut.offer(OutboundFrame.of("typing"));
        cut.offer(new OutboundFrame("m6", 6));
        cut.offer(new OutboundFrame("delta2", 0, 2));
        cut.offer(new OutboundFrame("delta3", 0, 3));
        assertThat(sink.written).isEmpty();

        cut.open(List.of(OutboundFrame.of("welcome"), OutboundFrame.of("history")), 5, 2);

        assertThat(sink.written).containsExactly("welcome", "history", "typing", "m6", "delta3");
    }

    @Test
    void sendsOneFrameAtATimeInOrder() {
        cut.open(List.of(), 0, 0);
        cut.offer(OutboundFrame.of("a"));
        cut.offer(OutboundFrame.of("b"));
        assertThat(sink.written).containsExactly("a");
        sink.completeOne();
        assertThat(sink.written).containsExactly("a", "b");
        sink.completeOne();
        assertThat(cut.pending()).isZero();
    }

    @Test
    void synchronousCompletionDoesNotRecurseAndLosesNothing() {
        sink.completeImmediately = true;
        Outbox big = new Outbox(sink, 100_000);
        big.open(List.of(), 0, 0);
        for (int i = 0; i < 50_000; i++) {
            big.offer(OutboundFrame.of("f" + i));
        }
        assertThat(sink.written).hasSize(50_000).endsWith("f49999");
    }

    @Test
    void aClientThatFallsBehindIsClosedWith1013() {
        cut.open(List.of(), 0, 0);
        for (int i = 0; i < 4; i++) {
            cut.offer(OutboundFrame.of("f" + i));
        }
        assertThat(sink.closeCode).isNull();
        cut.offer(OutboundFrame.of("too many"));
        assertThat(sink.closeCode).isEqualTo(Outbox.TOO_SLOW);
        assertThat(cut.isClosed()).isTrue();
    }

    @Test
    void closeAfterPendingWaitsForTheQueuedFrames() {
        cut.open(List.of(), 0, 0);
        cut.offer(OutboundFrame.of("last words"));
        cut.closeAfterPending(1008, "token expired");
        assertThat(sink.closeCode).isNull();
        sink.completeOne();
        assertThat(sink.closeCode).isEqualTo(1008);
    }
}
