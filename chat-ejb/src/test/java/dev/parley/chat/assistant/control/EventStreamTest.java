package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    @Test
    void handsOnEachEventsDataAndStopsWhenAsked() throws Exception {
        String sse =
                ": comment\n\ndata: {\"a\":1}\n\nevent: x\ndata: line1\ndata: line2\n\ndata: [DONE]\n\ndata: after\n\n";
        List<String> seen = new ArrayList<>();
        EventStream.read(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)), data -> {
            seen.add(data);
            return !data.equals("[DONE]");
        });
        assertThat(seen).containsExactly("{\"a\":1}", "line1\nline2", "[DONE]");
    }
}
