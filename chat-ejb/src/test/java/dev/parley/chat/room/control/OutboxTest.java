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
        final List<List<String>> writes = new ArrayList<>();
        final List<Consumer<Boolean>> pending = new ArrayList<>();
        boolean completeImmediately;
        Integer closeCode;

        @Override
        public void send(List<OutboundFrame> frames, Consumer<Boolean> done) {
            List<String> texts = frames.stream().map(OutboundFrame::json).toList();
            written.addAll(texts);
            writes.add(texts);
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
    void framesThatQueueWhileAWriteIsOnItsWayGoOutTogetherInTheNextWrite() {
        cut = new Outbox(sink, 200);
        cut.open(List.of(), 0, 0);
        cut.offer(OutboundFrame.of("a"));
        cut.offer(OutboundFrame.of("b"));
        cut.offer(OutboundFrame.of("c"));
        assertThat(sink.writes).containsExactly(List.of("a"));
        sink.completeOne();
        assertThat(sink.writes).containsExactly(List.of("a"), List.of("b", "c"));
        assertThat(cut.pending()).isZero();

        for (int i = 0; i < 100; i++) {
            cut.offer(OutboundFrame.of("f" + i));
        }
        sink.completeOne();
        assertThat(sink.writes.get(2)).as("one write carries at most 64 frames").hasSize(64);
        sink.completeOne();
        assertThat(sink.writes.get(3)).hasSize(36).endsWith("f99");
        assertThat(cut.pending()).isEqualTo(0);
    }

    @Test
    void aBigFrameIsWrittenAloneAndLargeBurstsAreCutIntoWritesOfAboutThirtyTwoKilobytes() {
        cut = new Outbox(sink, 200);
        cut.open(List.of(), 0, 0);
        cut.offer(OutboundFrame.of("first"));
        cut.offer(OutboundFrame.of("x".repeat(40_000)));
        cut.offer(OutboundFrame.of("after the big one"));
        for (int i = 0; i < 10; i++) {
            cut.offer(OutboundFrame.of("y".repeat(10_000)));
        }
        sink.completeOne();
        assertThat(sink.writes.get(1)).as("the big frame goes alone").hasSize(1);
        sink.completeOne();
        assertThat(sink.writes.get(2)).hasSize(5); // 17 + 4 x 10,000 characters pass 32 K
        sink.completeOne();
        sink.completeOne();
        assertThat(sink.written).hasSize(13).endsWith("y".repeat(10_000));
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
