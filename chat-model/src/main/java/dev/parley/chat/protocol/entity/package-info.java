/** The WebSocket protocol's frames, as records whose JSON-B form is the contract's. */
package dev.parley.chat.protocol.entity;
