package dev.parley.chat.assistant.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;

/** Reads one streamed chunk: the text it adds, the usage it reports, whether it ends the stream. */
public final class ChunkParser {

    /** Made once: {@code Json.createReader} looks its provider up through the ServiceLoader on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private ChunkParser() {}

    public static Chunk parse(String data) {
        String trimmed = data == null ? "" : data.trim();
        if (trimmed.isEmpty()) {
            return Chunk.EMPTY;
        }
        if ("[DONE]".equals(trimmed)) {
            return new Chunk("", null, true, null);
        }
        try (var reader = READERS.createReader(new StringReader(trimmed))) {
            JsonObject chunk = reader.readObject();
            if (chunk.containsKey("error")) {
                return new Chunk("", null, false, String.valueOf(chunk.get("error")));
            }
            StringBuilder text = new StringBuilder();
            JsonValue choices = chunk.get("choices");
            if (choices instanceof JsonArray array) {
                for (JsonValue choice : array) {
                    JsonValue delta = choice.asJsonObject().get("delta");
                    if (delta instanceof JsonObject object
                            && object.get("content") instanceof jakarta.json.JsonString s) {
                        text.append(s.getString());
                    }
                }
            }
            Usage usage = null;
            if (chunk.get("usage") instanceof JsonObject u) {
                usage = new Usage(
                        u.getJsonNumber("prompt_tokens") == null
                                ? 0
                                : u.getJsonNumber("prompt_tokens").longValue(),
                        u.getJsonNumber("completion_tokens") == null
                                ? 0
                                : u.getJsonNumber("completion_tokens").longValue());
            }
            return new Chunk(text.toString(), usage, false, null);
        } catch (JsonException | ClassCastException | IllegalStateException e) {
            return new Chunk("", null, false, "the provider sent a chunk that is not JSON");
        }
    }

    /** What one chunk says. */
    public record Chunk(String text, Usage usage, boolean done, String error) {
        static final Chunk EMPTY = new Chunk("", null, false, null);
    }

    /** The provider's token counts. */
    public record Usage(long promptTokens, long completionTokens) {}
}
