package dev.parley.chat.search.entity;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.entity.MessageView;
import java.time.Instant;
import java.util.List;

/**
 * A message that matched, as the contract's message object plus {@code highlights}: the ranges
 * {@code [start, end)} of its body that matched, in UTF-16 code units (JavaScript string indices),
 * so that a client can mark them without trusting any markup from the server.
 */
public record SearchHit(
        String id,
        long seq,
        String room,
        ChatUser user,
        String role,
        String body,
        String status,
        Instant createdAt,
        List<List<Integer>> highlights) {

    public static SearchHit of(MessageView message, List<List<Integer>> highlights) {
        return new SearchHit(
                message.id(),
                message.seq(),
                message.room(),
                message.user(),
                message.role(),
                message.body(),
                message.status(),
                message.createdAt(),
                highlights);
    }
}
