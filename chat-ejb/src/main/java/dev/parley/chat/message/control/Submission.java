package dev.parley.chat.message.control;

import dev.parley.chat.room.control.Connection;

/**
 * A message from a connection, with the id as the client wrote it (echoed in its answer) and when
 * its frame arrived ({@link System#nanoTime()}, for the ack and delivery latency metrics).
 */
public record Submission(Connection origin, String clientId, NewMessage message, long receivedNanos) {}
