package dev.parley.chat.protocol.entity;

import java.util.Locale;

/** The {@code code} of an error frame or an error body. */
public enum ErrorCode {
    BAD_REQUEST,
    TOO_LARGE,
    RATE_LIMITED,
    FORBIDDEN,
    /** The database refused the write; the client may retry with the same id. */
    STORE_FAILED,
    ASSISTANT_UNAVAILABLE,
    QUOTA_EXCEEDED,
    TOKEN_EXPIRED,
    UNAUTHORIZED,
    NOT_FOUND,
    INTERNAL_ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
