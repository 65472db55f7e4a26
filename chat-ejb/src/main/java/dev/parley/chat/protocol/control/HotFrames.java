package dev.parley.chat.protocol.control;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.message.entity.ReactionView;
import dev.parley.chat.message.entity.ReplyQuote;
import dev.parley.chat.protocol.entity.Frames;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.Map;

/**
 * Writes the frames sent for every chat message, typing change, cursor move and assistant delta
 * with the JSON-P generator directly. JSON-B is the same JSON (a test compares them field by field)
 * but reflects over each record on every call, several times the cost under chat load.
 */
final class HotFrames {

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private HotFrames() {}

    static String ack(Frames.Ack frame) {
        StringWriter out = new StringWriter(48);
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject()
                    .write("type", frame.type())
                    .write("id", frame.id())
                    .write("seq", frame.seq())
                    .writeEnd();
        }
        return out.toString();
    }

    static String message(Frames.MessageFrame frame) {
        return withMessage(frame.type(), frame.message());
    }

    static String complete(Frames.Complete frame) {
        return withMessage(frame.type(), frame.message());
    }

    static String delta(Frames.Delta frame) {
        StringWriter out = new StringWriter(64 + frame.text().length());
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject()
                    .write("type", frame.type())
                    .write("messageId", frame.messageId())
                    .write("text", frame.text())
                    .write("index", frame.index())
                    .writeEnd();
        }
        return out.toString();
    }

    static String typing(Frames.Typing frame) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject().write("type", frame.type());
            user(json, "user", frame.user());
            json.write("typing", frame.typing()).writeEnd();
        }
        return out.toString();
    }

    static String cursor(Frames.Cursor frame) {
        StringWriter out = new StringWriter(112);
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject().write("type", frame.type());
            user(json, "user", frame.user());
            json.write("x", frame.x()).write("y", frame.y()).writeEnd();
        }
        return out.toString();
    }

    private static String withMessage(String type, MessageView message) {
        StringWriter out = new StringWriter(224 + message.body().length());
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject().write("type", type).writeStartObject("message");
            json.write("id", message.id()).write("seq", message.seq()).write("room", message.room());
            user(json, "user", message.user());
            optional(json, "role", message.role());
            optional(json, "body", message.body());
            optional(json, "status", message.status());
            if (message.createdAt() != null) {
                // ISO-8601 in UTC, as JSON-B writes an Instant
                json.write("createdAt", message.createdAt().toString());
            }
            if (message.editedAt() != null) {
                json.write("editedAt", message.editedAt().toString());
            }
            if (message.deletedAt() != null) {
                json.write("deletedAt", message.deletedAt().toString());
            }
            if (message.replyTo() != null) {
                ReplyQuote quote = message.replyTo();
                json.writeStartObject("replyTo").write("id", quote.id()).write("seq", quote.seq());
                user(json, "user", quote.user());
                optional(json, "excerpt", quote.excerpt());
                json.write("deleted", quote.deleted()).writeEnd();
            }
            if (message.reactions() != null) {
                json.writeStartArray("reactions");
                for (ReactionView reaction : message.reactions()) {
                    json.writeStartObject().write("emoji", reaction.emoji()).writeStartArray("users");
                    for (ChatUser user : reaction.users()) {
                        json.writeStartObject();
                        optional(json, "id", user.id());
                        optional(json, "name", user.name());
                        json.writeEnd();
                    }
                    json.writeEnd().writeEnd();
                }
                json.writeEnd();
            }
            json.writeEnd().writeEnd();
        }
        return out.toString();
    }

    private static void user(JsonGenerator json, String name, ChatUser user) {
        if (user == null) {
            return;
        }
        json.writeStartObject(name);
        optional(json, "id", user.id());
        optional(json, "name", user.name());
        json.writeEnd();
    }

    private static void optional(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.write(name, value);
        }
    }
}
