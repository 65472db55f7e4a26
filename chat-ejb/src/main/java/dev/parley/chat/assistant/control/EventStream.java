package dev.parley.chat.assistant.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** Reads Server-Sent Events and hands each event's data on, until the consumer has had enough. */
public final class EventStream {

    private EventStream() {}

    /** Returns when the stream ends or {@code onData} returns false. */
    public static void read(InputStream in, Predicate<String> onData) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    String event = data.toString();
                    data.setLength(0);
                    if (!onData.test(event)) {
                        return;
                    }
                }
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
            }
        }
        if (data.length() > 0) {
            onData.test(data.toString());
        }
    }
}
