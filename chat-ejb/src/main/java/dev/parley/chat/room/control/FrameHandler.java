package dev.parley.chat.room.control;

import dev.parley.chat.protocol.entity.ClientFrame;

/**
 * A client frame type handled by another feature (the assistant's {@code catchup}); the room
 * finds every such bean at start and hands it the frames of its type.
 */
public interface FrameHandler {

    /** The {@code type} of the frames this handles. */
    String frameType();

    void handle(Connection connection, ClientFrame frame);
}
