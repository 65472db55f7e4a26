package dev.parley.chat.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server speaking the OpenAI streaming chat completions protocol, with faults chosen by
 * a word in the last user message: {@code slow}, {@code fail500}, {@code fail429}, {@code cut},
 * {@code hang}, {@code nousage}; a prompt of numbered messages ({@code [#12] …}, a catch-up) is answered citing the first; {@code bench} streams 50 tokens that each carry the
 * {@code System.nanoTime()} at which they were sent, for latency measurements in the same JVM. It records every request and every stream the client abandoned.
 */
public final class FakeLlm {

    public static final int PORT = Integer.getInteger("parley.fakeLlmPort", 18089);
    public static final List<String> TOKENS = List.of("Dolphins ", "glide ", "through ", "blue.");
    private static FakeLlm instance;

    private final HttpServer server;
    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger abandoned = new AtomicInteger();

    private FakeLlm() throws IOException {
        // as a real provider's server: each streamed chunk leaves at once. The JDK's server keeps
        // Nagle's algorithm on unless told, so a chunk after the headers waited for the client's
        // delayed ACK (40 ms), which bench/assistant-latency.sh counted as the server's
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 50);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-llm");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/v1/chat/completions", this::complete);
        // a second provider (CHAT_LLM_PROVIDERS=second), told apart by the path each request records
        server.createContext("/second/v1/chat/completions", this::complete);
        server.start();
    }

    public static synchronized FakeLlm start() {
        if (instance == null) {
            try {
                instance = new FakeLlm();
            } catch (IOException e) {
                throw new AssertionError("cannot start the fake LLM on port " + PORT, e);
            }
        }
        return instance;
    }

    /** Stops the server (its dispatcher thread would keep a benchmark JVM alive). */
    public static synchronized void stop() {
        if (instance != null) {
            instance.server.stop(0);
            instance = null;
        }
    }

    public List<JsonObject> requests() {
        return List.copyOf(requests);
    }

    public int abandoned() {
        return abandoned.get();
    }

    private void complete(HttpExchange exchange) throws IOException {
        JsonObject request;
        try (var reader = Json.createReader(
                new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        }
        requests.add(Json.createObjectBuilder(request)
                .add("_path", exchange.getRequestURI().getPath())
                .build());
        var messages = request.getJsonArray("messages");
        String last = messages.getJsonObject(messages.size() - 1).getString("content");
        try {
            if (last.contains("fail500")) {
                reply(exchange, 500, "{\"error\":{\"message\":\"boom\"}}");
            } else if (last.contains("fail429")) {
                reply(exchange, 429, "{\"error\":{\"message\":\"slow down\"}}");
            } else {
                stream(exchange, last);
            }
        } catch (IOException | InterruptedException clientWentAway) {
            abandoned.incrementAndGet();
        } finally {
            exchange.close();
        }
    }

    private void stream(HttpExchange exchange, String prompt) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (prompt.contains("hang")) {
            Thread.sleep(20_000);
            return;
        }
        if (prompt.contains("bench")) {
            for (int i = 0; i < 50; i++) {
                event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"~" + System.nanoTime() + "~ \"}}]}");
                Thread.sleep(10);
            }
            event(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":50}}");
            event(out, "[DONE]");
            return;
        }
        boolean slow = prompt.contains("slow");
        java.util.regex.Matcher cited =
                java.util.regex.Pattern.compile("\\[#(\\d+)]").matcher(prompt);
        List<String> tokens = slow
                ? java.util.Collections.nCopies(30, "la ")
                : cited.find() ? List.of("- They ", "decided ", "[#" + cited.group(1) + "]", ".") : TOKENS;
        int sent = 0;
        for (String token : tokens) {
            event(
                    out,
                    "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                            + token + "\"},\"finish_reason\":null}]}");
            sent++;
            Thread.sleep(slow ? 250 : 20);
            if (prompt.contains("cut") && sent == 2) {
                return;
            }
        }
        event(out, "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        if (!prompt.contains("nousage")) {
            event(
                    out,
                    "{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":" + sent
                            + ",\"total_tokens\":" + (42 + sent) + "}}");
        }
        event(out, "[DONE]");
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
