package dev.parley.chat.assistant.control;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * What one assistant turn holds until it ends: the room's turn, a generation slot, a token
 * reservation. The turn's thread adds each as it gets that far; {@link #close} gives all of them
 * back exactly once, on whichever thread ends the turn (the reader's, or the one that finishes a
 * reply that a silent provider keeps from ending), and a second close does nothing.
 */
public final class TurnHold implements AutoCloseable {

    private final Runnable leaveRoom;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile GenerationSlots.Slot slot;
    private volatile LongConsumer settle;
    private volatile long estimate;
    private volatile boolean started;

    /** {@code leaveRoom} lets the room's next turn go; it runs last, whatever failed before it. */
    public TurnHold(Runnable leaveRoom) {
        this.leaveRoom = leaveRoom;
    }

    /** Tokens reserved for the turn; {@code settle} is told what was spent when the turn ends. */
    public void reserved(long estimate, LongConsumer settle) {
        this.estimate = estimate;
        this.settle = settle;
    }

    /** The generation slot the turn's reply runs in. */
    public void slot(GenerationSlots.Slot slot) {
        this.slot = slot;
    }

    /**
     * The reply reached the provider: from now on, a turn that ends without {@link #spent} counts
     * its whole estimate as spent (the provider may have charged it); before, it spent nothing.
     */
    public void started() {
        started = true;
    }

    /**
     * What the reply cost, as the provider or the token counter said: the reservation is settled
     * with it now (before the room hears the reply is complete, so a next mention sees it), once.
     */
    public void spent(long tokens) {
        settle(tokens);
    }

    private void settle(long tokens) {
        LongConsumer reservation = settle;
        if (reservation != null && settled.compareAndSet(false, true)) {
            reservation.accept(tokens);
        }
    }

    /** True once {@link #close} has given everything back. */
    public boolean released() {
        return released.get();
    }

    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            settle(started ? estimate : 0);
        } finally {
            try {
                GenerationSlots.Slot held = slot;
                if (held != null) {
                    held.close();
                }
            } finally {
                leaveRoom.run();
            }
        }
    }
}
