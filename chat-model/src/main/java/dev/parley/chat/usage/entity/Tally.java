package dev.parley.chat.usage.entity;

/** Requests and tokens added up. */
public record Tally(long requests, long promptTokens, long completionTokens, long totalTokens) {

    public static final Tally ZERO = new Tally(0, 0, 0, 0);
}
