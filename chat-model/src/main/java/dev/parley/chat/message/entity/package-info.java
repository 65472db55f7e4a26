/** Stored messages, their roles and states, and the wire form of a message. */
package dev.parley.chat.message.entity;
