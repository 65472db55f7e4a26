/** What is sent to the language model. */
package dev.parley.chat.assistant.entity;
