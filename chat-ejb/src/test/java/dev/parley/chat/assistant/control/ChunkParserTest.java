package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkParserTest {

    @Test
    void readsTheTextOfADelta() {
        ChunkParser.Chunk chunk = ChunkParser.parse(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}");
        assertThat(chunk.text()).isEqualTo("Hel");
        assertThat(chunk.done()).isFalse();
        assertThat(chunk.error()).isNull();
    }

    @Test
    void readsTheUsageChunkAndTheEnd() {
        ChunkParser.Chunk usage = ChunkParser.parse(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}");
        assertThat(usage.usage()).isEqualTo(new ChunkParser.Usage(12, 3));
        assertThat(usage.text()).isEmpty();
        assertThat(ChunkParser.parse("[DONE]").done()).isTrue();
    }

    @Test
    void aRoleOnlyDeltaAddsNothingAndErrorsAndGarbageAreErrors() {
        assertThat(ChunkParser.parse("{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}")
                        .text())
                .isEmpty();
        assertThat(ChunkParser.parse("{\"error\":{\"message\":\"overloaded\"}}").error())
                .contains("overloaded");
        assertThat(ChunkParser.parse("not json").error()).isNotNull();
    }
}
