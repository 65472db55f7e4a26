package dev.parley.chat.message.control;

import dev.parley.chat.identity.entity.Identity;

/**
 * A message from a connection, with the id as the client wrote it (echoed in its answer) and when
 * its frame arrived ({@link System#nanoTime()}, for the ack and delivery latency metrics).
 */
public record Submission(Origin origin, String clientId, NewMessage message, long receivedNanos) {

    /** The connection a message came from, as the write path sees it: who, and where its answer goes. */
    public interface Origin {

        /** The connection's id: the broadcast of its message skips it (it gets the ack instead). */
        String id();

        Identity identity();

        /** Sends one frame (JSON text) to this connection only. */
        void reply(String frame);
    }
}
