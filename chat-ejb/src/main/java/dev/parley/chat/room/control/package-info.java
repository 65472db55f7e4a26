/** Connections, their outboxes, and fan-out of room frames. */
package dev.parley.chat.room.control;
