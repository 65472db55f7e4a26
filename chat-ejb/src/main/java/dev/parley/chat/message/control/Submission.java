package dev.parley.chat.message.control;

import dev.parley.chat.room.control.Connection;

/** A message from a connection, with the id as the client wrote it (echoed in its answer). */
public record Submission(Connection origin, String clientId, NewMessage message) {}
