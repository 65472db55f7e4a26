/** Presence: who is connected to which room. */
package dev.parley.chat.presence.boundary;
