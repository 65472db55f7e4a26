/** Talking to the language model: the REST client, reading its stream, finding mentions, the context. */
package dev.parley.chat.assistant.control;
