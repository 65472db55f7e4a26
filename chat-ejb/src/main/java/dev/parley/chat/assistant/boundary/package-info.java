/** The assistant: who gets an answer, in which order, streamed how. */
package dev.parley.chat.assistant.boundary;
