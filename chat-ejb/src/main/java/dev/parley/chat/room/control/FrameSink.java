package dev.parley.chat.room.control;

import java.util.List;
import java.util.function.Consumer;

/** Where a connection's frames go: the WebSocket session, or a test double. */
public interface FrameSink {

    /**
     * Sends text frames, in order, without blocking; {@code done} gets whether all were written.
     * A sink may put them on the wire in one write.
     */
    void send(List<OutboundFrame> frames, Consumer<Boolean> done);

    /** Sends a WebSocket ping; {@code done} gets whether it could be written (a dead peer fails it). */
    void ping(Consumer<Boolean> done);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
