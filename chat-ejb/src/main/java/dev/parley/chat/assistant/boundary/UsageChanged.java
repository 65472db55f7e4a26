package dev.parley.chat.assistant.boundary;

/** CDI event: a reply's usage was recorded in this room. */
public record UsageChanged(String room) {}
