package dev.parley.chat.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.protocol.entity.ClientFrame;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Properties of the frame reader over many generated inputs (seeded, so a failure repeats): it
 * either gives a frame whose fields hold exactly what was sent with their own JSON types, or a
 * {@link FrameCodec.MalformedFrameException}; never another exception, never a coerced value.
 */
class FrameCodecFuzzTest {

    private static final List<String> SEEDS = List.of(
            "{\"type\":\"message\",\"id\":\"6f1c3f0e-0000-4000-8000-000000000001\",\"body\":\"hi\"}",
            "{\"type\":\"cursor\",\"x\":0.25,\"y\":0.75}",
            "{\"type\":\"typing\",\"typing\":true}",
            "{\"type\":\"ping\"}");
    private static final char[] NASTY = {'\u0000', '\u001f', '\ud800', '\udfff', '\u2028', '"', '\\', '{', '}', ','};

    private final Random random = new Random(20261202L);

    @Test
    void randomTextIsAFrameOrMalformed() {
        for (int i = 0; i < 20_000; i++) {
            readsOrRefuses(randomText(random.nextInt(64)));
        }
    }

    @Test
    void mangledFramesAreAFrameOrMalformed() {
        for (int i = 0; i < 20_000; i++) {
            String seed = SEEDS.get(random.nextInt(SEEDS.size()));
            int at = random.nextInt(seed.length() + 1);
            String mangled =
                    switch (random.nextInt(4)) {
                        case 0 -> seed.substring(0, at);
                        case 1 -> seed.substring(0, at) + NASTY[random.nextInt(NASTY.length)] + seed.substring(at);
                        case 2 -> seed.substring(0, at) + (char) random.nextInt(0x10000) + seed.substring(at);
                        default ->
                            seed.substring(0, at) + seed.substring(Math.min(seed.length(), at + 1 + random.nextInt(4)));
                    };
            readsOrRefuses(mangled);
        }
    }

    @Test
    void aKnownFieldOfAnyOtherJsonTypeIsRefusedAndOfItsOwnTypeIsKeptExactly() {
        List<String> fields = List.of("type", "id", "body", "typing", "x", "y");
        for (int i = 0; i < 5_000; i++) {
            String field = fields.get(random.nextInt(fields.size()));
            JsonValue value = randomJsonValue();
            String text = Json.createObjectBuilder()
                    .add("type", field.equals("type") ? value : Json.createValue("message"))
                    .add(field, value)
                    .build()
                    .toString();
            boolean accepted = value == JsonValue.NULL || hasTheFieldsType(field, value);
            try {
                ClientFrame frame = FrameCodec.read(text);
                assertThat(accepted).as("accepted %s", text).isTrue();
                if (value != JsonValue.NULL) {
                    assertThat(fieldOf(field).apply(frame)).as(text).isEqualTo(expectedValue(value));
                }
            } catch (FrameCodec.MalformedFrameException e) {
                assertThat(accepted).as("refused %s", text).isFalse();
                assertThat(e.getMessage()).contains("'" + field + "'");
            }
        }
    }

    @Test
    void deepNestingIsRefusedOrReadButNeverOverflowsTheStack() {
        for (int depth : new int[] {1, 10, 500, 5_000, 100_000}) {
            readsOrRefuses("{\"type\":\"ping\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
            readsOrRefuses("{\"type\":\"ping\",\"z\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}");
        }
    }

    @Test
    void aBodyRoundTripsExactly() throws Exception {
        for (int i = 0; i < 5_000; i++) {
            String body = randomText(random.nextInt(200));
            String text = Json.createObjectBuilder()
                    .add("type", "message")
                    .add("body", body)
                    .build()
                    .toString();
            assertThat(FrameCodec.read(text).body()).isEqualTo(body);
        }
    }

    private static boolean hasTheFieldsType(String field, JsonValue value) {
        return switch (field) {
            case "type", "id", "body" -> value.getValueType() == JsonValue.ValueType.STRING;
            case "typing" -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            default ->
                value.getValueType() == JsonValue.ValueType.NUMBER
                        && Double.isFinite(((jakarta.json.JsonNumber) value).doubleValue());
        };
    }

    private static Function<ClientFrame, Object> fieldOf(String field) {
        return switch (field) {
            case "type" -> ClientFrame::type;
            case "id" -> ClientFrame::id;
            case "body" -> ClientFrame::body;
            case "typing" -> ClientFrame::typing;
            case "x" -> ClientFrame::x;
            default -> ClientFrame::y;
        };
    }

    private static Object expectedValue(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((jakarta.json.JsonString) value).getString();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> ((jakarta.json.JsonNumber) value).doubleValue();
        };
    }

    private JsonValue randomJsonValue() {
        return switch (random.nextInt(8)) {
            case 0 -> Json.createValue(randomText(random.nextInt(12)));
            case 1 -> Json.createValue(random.nextInt());
            case 2 -> Json.createValue(random.nextDouble() * Math.pow(10, random.nextInt(20) - 10));
            case 3 -> Json.createValue(new BigInteger(120, random).multiply(BigInteger.TEN.pow(300)));
            case 4 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 5 -> JsonValue.NULL;
            case 6 -> Json.createArrayBuilder().add("a").build();
            default -> Json.createObjectBuilder().add("a", 1).build();
        };
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(
                    random.nextInt(4) == 0
                            ? NASTY[random.nextInt(NASTY.length)]
                            : (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x10000)));
        }
        return text.toString();
    }

    private static void readsOrRefuses(String text) {
        try {
            assertThat(FrameCodec.read(text)).isNotNull();
        } catch (FrameCodec.MalformedFrameException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
