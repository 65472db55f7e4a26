package dev.parley.chat.room.boundary;

import java.util.Optional;
import java.util.function.Supplier;

/** A reflective look-up into a server's insides, done at first use and kept, found or not. */
final class ResolvedOnce<T> {

    private volatile Optional<T> resolved;

    Optional<T> get(Supplier<Optional<T>> resolve) {
        Optional<T> current = resolved;
        if (current == null) {
            current = resolve.get();
            resolved = current;
        }
        return current;
    }
}
