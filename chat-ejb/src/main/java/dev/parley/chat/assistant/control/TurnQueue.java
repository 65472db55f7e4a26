package dev.parley.chat.assistant.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Turns per room, answered one at a time in the order asked; rooms never wait for each other. */
public final class TurnQueue<T> {

    private final Map<String, Deque<T>> rooms = new ConcurrentHashMap<>();

    /** Queues a turn; returns it if the room was idle, so the caller starts it now. */
    public Optional<T> add(String room, T turn) {
        Deque<T> queue = rooms.computeIfAbsent(room, r -> new ArrayDeque<>());
        synchronized (queue) {
            queue.add(turn);
            return queue.size() == 1 ? Optional.of(turn) : Optional.empty();
        }
    }

    /** Ends the room's current turn; returns the next one to start, if any. */
    public Optional<T> finish(String room) {
        Deque<T> queue = rooms.get(room);
        if (queue == null) {
            return Optional.empty();
        }
        synchronized (queue) {
            queue.poll();
            return Optional.ofNullable(queue.peek());
        }
    }

    public int waiting(String room) {
        Deque<T> queue = rooms.get(room);
        if (queue == null) {
            return 0;
        }
        synchronized (queue) {
            return Math.max(0, queue.size() - 1);
        }
    }
}
