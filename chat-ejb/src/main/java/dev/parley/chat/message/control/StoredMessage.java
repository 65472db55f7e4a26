package dev.parley.chat.message.control;

import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.message.entity.MessageView;

/** CDI event: a user message was stored and delivered; the assistant listens for mentions. */
public record StoredMessage(MessageView message, Identity author) {}
