package dev.parley.chat.room.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Hands one room's frames on in {@code seq} order. Messages are published after their commits,
 * by different threads and nodes, so seq 11 can arrive before seq 10; a client that saw 11 and
 * reconnected with {@code since=11} before 10 arrived would never get 10. A frame after a gap
 * waits until the gap is filled or {@link #release} is called (the caller's timer, for a seq that
 * never comes); frames without a seq wait behind it, so the room's order holds for them too.
 * Not thread-safe: the caller holds the room's lock.
 */
public final class SeqOrder<T> {

    private final ToLongFunction<T> seqOf;
    private final Deque<T> held = new ArrayDeque<>();
    private long last;

    /** {@code seqOf} gives a frame's message seq, or 0 for a frame that carries none. */
    public SeqOrder(ToLongFunction<T> seqOf) {
        this.seqOf = seqOf;
    }

    /**
     * Takes a frame; what may go on now goes to {@code deliver}, in order. True when this frame
     * started a wait (the caller then arms a timer that calls {@link #release}).
     */
    public boolean offer(T frame, Consumer<T> deliver) {
        long seq = seqOf.applyAsLong(frame);
        boolean waiting = !held.isEmpty();
        if (!waiting && (seq == 0 || fits(seq))) {
            pass(frame, deliver);
            return false;
        }
        if (waiting && seq != 0 && seq == last + 1) {
            pass(frame, deliver); // the gap's own frame: it was due before everything held
            drain(deliver);
            return false;
        }
        held.addLast(frame);
        return !waiting;
    }

    /** Gives up waiting: everything held goes on, in the order it arrived. */
    public void release(Consumer<T> deliver) {
        while (!held.isEmpty()) {
            pass(held.pollFirst(), deliver);
        }
    }

    public boolean holding() {
        return !held.isEmpty();
    }

    /** The first message frame sets where the room is; later and earlier ones (retries) go on at once. */
    private boolean fits(long seq) {
        return last == 0 || seq <= last + 1;
    }

    /** Passes on what no longer waits: the head while it fits, else the next seq from further back. */
    private void drain(Consumer<T> deliver) {
        while (!held.isEmpty()) {
            long seq = seqOf.applyAsLong(held.peekFirst());
            if (seq == 0 || fits(seq)) {
                pass(held.pollFirst(), deliver);
                continue;
            }
            T next = held.stream()
                    .filter(frame -> seqOf.applyAsLong(frame) == last + 1)
                    .findFirst()
                    .orElse(null);
            if (next == null) {
                return;
            }
            held.remove(next);
            pass(next, deliver);
        }
    }

    private void pass(T frame, Consumer<T> deliver) {
        long seq = seqOf.applyAsLong(frame);
        if (seq > last) {
            last = seq;
        }
        deliver.accept(frame);
    }
}
