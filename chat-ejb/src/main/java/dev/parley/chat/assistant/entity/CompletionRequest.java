package dev.parley.chat.assistant.entity;

import java.util.List;

/** The body of an OpenAI-compatible {@code POST /chat/completions}, streamed, asking for usage. */
public record CompletionRequest(String model, List<Turn> messages, boolean stream, StreamOptions stream_options) {

    public static CompletionRequest streaming(String model, List<Turn> messages) {
        return new CompletionRequest(model, messages, true, new StreamOptions(true));
    }

    /** One message of the conversation sent upstream. */
    public record Turn(String role, String content) {}

    /** Asks the provider to end the stream with a usage chunk. */
    public record StreamOptions(boolean include_usage) {}
}
