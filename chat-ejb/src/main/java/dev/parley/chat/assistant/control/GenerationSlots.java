package dev.parley.chat.assistant.control;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most so many replies generate at once ({@code CHAT_LLM_MAX_CONCURRENT}), in the order they
 * asked. A reply's slot is given back by whichever thread finishes the reply (the end of the
 * stream, stop, a timeout), never twice: a second give-back would let one reply too many run.
 */
public final class GenerationSlots {

    private final Semaphore permits;

    public GenerationSlots(int max) {
        this.permits = new Semaphore(max, true);
    }

    /** Waits for a free slot. */
    public Slot take() throws InterruptedException {
        permits.acquire();
        return new Slot();
    }

    public int free() {
        return permits.availablePermits();
    }

    /** One reply's right to generate; {@link #close} gives it back once. */
    public final class Slot implements AutoCloseable {
        private final AtomicBoolean givenBack = new AtomicBoolean();

        private Slot() {}

        @Override
        public void close() {
            if (givenBack.compareAndSet(false, true)) {
                permits.release();
            }
        }
    }
}
