package dev.parley.chat.room.control;

import java.util.function.Consumer;

/** Where a connection's frames go: the WebSocket session, or a test double. */
public interface FrameSink {

    /** Sends one text frame without blocking; {@code done} gets whether it was written. */
    void send(String text, Consumer<Boolean> done);

    /** Sends a WebSocket ping; {@code done} gets whether it could be written (a dead peer fails it). */
    void ping(Consumer<Boolean> done);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
