/** Token usage of the assistant: the record of each reply and the tallies over them. */
package dev.parley.chat.usage.entity;
