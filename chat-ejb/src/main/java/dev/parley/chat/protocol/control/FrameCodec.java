package dev.parley.chat.protocol.control;

import dev.parley.chat.protocol.entity.ClientFrame;
import dev.parley.chat.protocol.entity.Frames;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;

/**
 * Turns frames into JSON and back. Server frames are written by one shared JSON-B instance; client
 * frames are read strictly with JSON-P: every known field must have its own JSON type, so that a
 * number is never taken for a body or a string for a flag.
 */
public final class FrameCodec {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private FrameCodec() {}

    public static String write(Object frame) {
        return JSONB.toJson(frame);
    }

    // The frames sent for every message, typing change, cursor move and delta: see HotFrames.

    public static String write(Frames.Ack frame) {
        return HotFrames.ack(frame);
    }

    public static String write(Frames.MessageFrame frame) {
        return HotFrames.message(frame);
    }

    public static String write(Frames.Complete frame) {
        return HotFrames.complete(frame);
    }

    public static String write(Frames.Delta frame) {
        return HotFrames.delta(frame);
    }

    public static String write(Frames.Typing frame) {
        return HotFrames.typing(frame);
    }

    public static String write(Frames.Cursor frame) {
        return HotFrames.cursor(frame);
    }

    /**
     * Parses a client frame. Not a JSON object, or a known field of the wrong JSON type: malformed,
     * with the frame's {@code id} when it could be read, so that the error can name the message.
     */
    public static ClientFrame read(String text) throws MalformedFrameException {
        JsonObject object = parse(text);
        String id = optionalString(object, "id");
        try {
            return new ClientFrame(
                    string(object, "type"),
                    string(object, "id"),
                    string(object, "body"),
                    bool(object, "typing"),
                    number(object, "x"),
                    number(object, "y"),
                    string(object, "emoji"),
                    string(object, "replyTo"),
                    number(object, "seq"),
                    number(object, "since"));
        } catch (WrongType e) {
            throw new MalformedFrameException("field '" + e.field + "' must be " + e.expected, id);
        }
    }

    private static JsonObject parse(String text) throws MalformedFrameException {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new MalformedFrameException("a frame must be a JSON object", null);
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new MalformedFrameException("a frame must be one JSON object", null);
            }
            return object;
        } catch (RuntimeException e) {
            // parse errors, trailing data, absurd numbers, and nesting deeper than the parser
            // allows (Parsson throws a bare RuntimeException for that one)
            throw new MalformedFrameException("malformed JSON frame", null);
        }
    }

    /** The id when it is a string; an id of another type is reported by {@link #string} instead. */
    private static String optionalString(JsonObject object, String field) {
        JsonValue value = object.get(field);
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static String string(JsonObject object, String field) throws WrongType {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new WrongType(field, "a string");
    }

    private static Boolean bool(JsonObject object, String field) throws WrongType {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return Boolean.TRUE;
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return Boolean.FALSE;
        }
        throw new WrongType(field, "true or false");
    }

    private static Double number(JsonObject object, String field) throws WrongType {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw new WrongType(field, "a number");
    }

    private static final class WrongType extends Exception {
        final String field;
        final String expected;

        WrongType(String field, String expected) {
            super(null, null, false, false);
            this.field = field;
            this.expected = expected;
        }
    }

    /** A frame that cannot be read; {@link #id()} is the frame's id when it had a readable one. */
    public static final class MalformedFrameException extends Exception {
        private final String id;

        public MalformedFrameException(String message, String id) {
            super(message, null, false, false);
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
