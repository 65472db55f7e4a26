package dev.parley.chat.room.control;

import dev.parley.chat.message.entity.MessageView;
import java.util.Optional;

/**
 * The reply streaming into a room now, for a connection that opens in the middle of it: the
 * room shows the body so far and the deltas after it follow live. Implemented by the assistant,
 * so that the room does not depend on it.
 */
public interface StreamingReplies {

    Optional<Streaming> streamingIn(String room);

    /** The streaming message with its body so far, and how many deltas that body holds. */
    record Streaming(MessageView soFar, long deltas) {}
}
