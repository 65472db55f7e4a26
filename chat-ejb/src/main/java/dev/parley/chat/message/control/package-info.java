/** Rules for accepting messages, sender rate limits, and the batching write path. */
package dev.parley.chat.message.control;
