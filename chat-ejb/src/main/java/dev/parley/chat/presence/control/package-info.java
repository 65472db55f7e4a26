/** Presence bookkeeping, free of the container so it can be tested alone. */
package dev.parley.chat.presence.control;
