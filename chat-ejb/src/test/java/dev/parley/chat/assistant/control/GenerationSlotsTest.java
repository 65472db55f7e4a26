package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class GenerationSlotsTest {

    @Test
    void aSlotGivenBackTwiceFreesOnlyOne() throws Exception {
        GenerationSlots slots = new GenerationSlots(2);
        GenerationSlots.Slot first = slots.take();
        slots.take();
        assertThat(slots.free()).isZero();

        first.close(); // the stream's end
        first.close(); // and a timeout, on another thread, a moment later

        assertThat(slots.free()).isEqualTo(1);
    }

    @Test
    void aReplyBeyondTheLimitWaitsForASlot() throws Exception {
        GenerationSlots slots = new GenerationSlots(1);
        GenerationSlots.Slot running = slots.take();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<GenerationSlots.Slot> waiting = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return slots.take();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    other);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> waiting.get(200, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);

            running.close();

            assertThat(waiting.get(5, TimeUnit.SECONDS)).isNotSameAs(running);
            assertThat(slots.free()).isZero();
        } finally {
            other.shutdownNow();
        }
    }
}
