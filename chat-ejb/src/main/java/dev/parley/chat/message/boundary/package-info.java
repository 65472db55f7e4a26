/** Messages: storing them in order, and reading a room's history. */
package dev.parley.chat.message.boundary;
