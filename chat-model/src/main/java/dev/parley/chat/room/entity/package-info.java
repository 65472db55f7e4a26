/** Rooms: their settings, their seq counter, the name rule, and the broadcasts that reach their connections. */
package dev.parley.chat.room.entity;
