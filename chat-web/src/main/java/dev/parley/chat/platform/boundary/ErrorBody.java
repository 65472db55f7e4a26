package dev.parley.chat.platform.boundary;

import dev.parley.chat.protocol.entity.ErrorCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The contract's error body: {@code {"code","message"}}. */
public record ErrorBody(String code, String message) {

    public static Response response(int status, ErrorCode code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code.wireName(), message))
                .build();
    }

    public static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.TOO_LARGE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
    }

    /** The message for a status whose cause says nothing better; null for a plain 4xx. */
    public static String standardMessage(int status) {
        return switch (status) {
            case 401 -> "a valid bearer token is required";
            case 403 -> "you may not do this";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 415 -> "unsupported media type";
            default -> status >= 500 ? "internal error" : null;
        };
    }
}
