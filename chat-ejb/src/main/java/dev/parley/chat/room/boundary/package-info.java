/** Rooms: their settings and this node's live connections to them. */
package dev.parley.chat.room.boundary;
