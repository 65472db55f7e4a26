package dev.parley.chat.protocol.control;

import dev.parley.chat.protocol.entity.ClientFrame;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;

/** Turns frames into JSON and back; one shared, thread-safe JSON-B instance. */
public final class FrameCodec {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    private FrameCodec() {}

    public static String write(Object frame) {
        return JSONB.toJson(frame);
    }

    /** Parses a client frame; a frame that is not a JSON object, or has ill-typed fields, is malformed. */
    public static ClientFrame read(String text) throws MalformedFrameException {
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("{")) {
            throw new MalformedFrameException("a frame must be a JSON object");
        }
        try {
            ClientFrame frame = JSONB.fromJson(trimmed, ClientFrame.class);
            if (frame == null) {
                throw new MalformedFrameException("a frame must be a JSON object");
            }
            return frame;
        } catch (JsonbException | ClassCastException | IllegalArgumentException e) {
            throw new MalformedFrameException("malformed JSON frame");
        }
    }

    /** A frame that cannot be read. */
    public static final class MalformedFrameException extends Exception {
        public MalformedFrameException(String message) {
            super(message, null, false, false);
        }
    }
}
