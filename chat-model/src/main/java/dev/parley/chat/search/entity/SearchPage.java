package dev.parley.chat.search.entity;

import java.util.List;

/**
 * One page of results, newest first. {@code nextBefore} is the cursor for the next (older) page,
 * null when {@code hasMore} is false.
 */
public record SearchPage(List<SearchHit> messages, boolean hasMore, String nextBefore) {}
