package dev.parley.chat.message.entity;

import dev.parley.chat.identity.entity.ChatUser;

/**
 * The message a reply answers, as the reply shows it: its id and seq (to jump to it), its author
 * and the start of its current body; {@code excerpt} is empty and {@code deleted} true once its
 * author deleted it.
 */
public record ReplyQuote(String id, long seq, ChatUser user, String excerpt, boolean deleted) {

    public static final int EXCERPT_MAX = 140;

    public static ReplyQuote of(Message original) {
        String body = original.body();
        int end = body.offsetByCodePoints(0, Math.min(EXCERPT_MAX, body.codePointCount(0, body.length())));
        return new ReplyQuote(
                original.id(),
                original.seq(),
                new ChatUser(original.userId(), original.userName()),
                end < body.length() ? body.substring(0, end) + "…" : body,
                original.isDeleted());
    }
}
