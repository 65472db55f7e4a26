package dev.parley.chat.search.control;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of results ended: results are ordered newest first by (createdAt, room, seq), and
 * the next page starts below this position. Written {@code <epoch millis>.<room>.<seq>}; room
 * names hold no dots.
 */
public record SearchCursor(Instant createdAt, String room, long seq) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,15})\\.([a-z0-9][a-z0-9-]{0,63})\\.(\\d{1,18})");

    public static SearchCursor parse(String text) {
        Matcher matcher = text == null ? null : FORMAT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("before must be the nextBefore of an earlier page");
        }
        return new SearchCursor(
                Instant.ofEpochMilli(Long.parseLong(matcher.group(1))),
                matcher.group(2),
                Long.parseLong(matcher.group(3)));
    }

    @Override
    public String toString() {
        return createdAt.toEpochMilli() + "." + room + "." + seq;
    }
}
