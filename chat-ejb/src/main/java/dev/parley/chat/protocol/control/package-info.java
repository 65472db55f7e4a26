/** Reading and writing WebSocket frames. */
package dev.parley.chat.protocol.control;
