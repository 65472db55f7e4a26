package dev.parley.chat.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client that keeps every frame it gets, to be awaited by type or content. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private final List<JsonObject> unread = new ArrayList<>();
    private final List<JsonObject> received = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private WebSocket socket;

    public static WsClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    /**
     * Opens a socket. A handshake that Payara Micro 6 answers with a redirect or a server error, or
     * does not answer at all, is tried once more, loudly: Grizzly 4.0.2 now and then hands a
     * request object that is being recycled to a new connection right after another connection
     * closed (a NullPointerException in {@code HttpRequestPacket.getMethod} or {@code
     * Request.upgrade} in the server log, the handshake answered 301 or never). That is a server
     * bug (docs/reliability.md, {@link ContainerRace}), not this application's answer; a second
     * failure fails.
     */
    public static WsClient connect(URI uri, Map<String, String> headers) {
        try {
            return attempt(uri, headers);
        } catch (CompletionException e) {
            String seen;
            if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
                seen = "not answered in " + WAIT.toSeconds() + " s";
            } else if (e.getCause() instanceof WebSocketHandshakeException handshake
                    && (handshake.getResponse().statusCode() >= 500
                            || (handshake.getResponse().statusCode() >= 300
                                    && handshake.getResponse().statusCode() < 400))) {
                seen = "answered HTTP " + handshake.getResponse().statusCode();
            } else {
                throw e;
            }
            System.err.println("WsClient: the handshake was " + seen
                    + " (Grizzly request-recycling race on Payara Micro 6); trying once more");
            return attempt(uri, headers);
        }
    }

    private static WsClient attempt(URI uri, Map<String, String> headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder =
                HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(uri, client)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
        return client;
    }

    /** A handshake the server refused before upgrading: its HTTP status and JSON body. */
    public record Refusal(int status, JsonObject body) {}

    /**
     * Sends a WebSocket handshake over a plain socket and reads the answer; fails if the server
     * upgraded the connection instead of refusing it with an HTTP error.
     */
    public static Refusal refusal(URI uri, Map<String, String> headers) {
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            StringBuilder request = new StringBuilder("GET " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream()
                    .write(request.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            if (status == 101) {
                throw new AssertionError("upgraded instead of refused: " + answer);
            }
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            try (var reader = Json.createReader(new StringReader(body))) {
                return new Refusal(status, reader.readObject());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * How the server refused a connection that must not open: "HTTP <status>" before the upgrade,
     * or "1008" closed before any frame. Fails on anything else.
     */
    public static String refusedBeforeAnyFrame(URI uri) {
        WsClient client;
        try {
            client = attempt(uri, Map.of());
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return "HTTP " + handshake.getResponse().statusCode();
            }
            throw e;
        }
        Close close = client.awaitClose();
        if (close.code() != 1008 || !client.received().isEmpty()) {
            throw new AssertionError("not refused: " + close + " after " + client.received());
        }
        return "1008";
    }

    public static Refusal refusal(URI uri) {
        return refusal(uri, Map.of());
    }

    public static URI roomUri(URI base, String room, String token) {
        return roomUri(base, room, token, null);
    }

    public static URI roomUri(URI base, String room, String token, Long since) {
        String ws = base.toString().replaceFirst("^http", "ws");
        return URI.create(
                ws + "ws/rooms/" + room + "?access_token=" + token + (since == null ? "" : "&since=" + since));
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void send(JsonObject frame) {
        send(frame.toString());
    }

    /** The next unread frame of this type; frames before it stay unread. */
    public JsonObject next(String type) {
        return next(frame -> type.equals(frame.getString("type", null)), WAIT);
    }

    public synchronized JsonObject next(Predicate<JsonObject> which, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<JsonObject> it = unread.iterator(); it.hasNext(); ) {
                JsonObject frame = it.next();
                if (which.test(frame)) {
                    it.remove();
                    return frame;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching frame within " + timeout + "; unread: " + unread);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The first frame received, whatever it is. */
    public JsonObject first() {
        return next(frame -> true, WAIT);
    }

    /** Asserts that no frame matching arrives within {@code quiet}. */
    public synchronized void assertNone(Predicate<JsonObject> which, Duration quiet) {
        try {
            JsonObject unexpected = next(which, quiet);
            throw new IllegalStateException("unexpected frame: " + unexpected);
        } catch (AssertionError expected) {
            // nothing came
        }
    }

    /** Forgets the frames not read so far, so that later assertions see only what comes next. */
    public synchronized void skipUnread() {
        unread.clear();
    }

    public synchronized List<JsonObject> received() {
        return List.copyOf(received);
    }

    public Close awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (this) {
            partial.append(data);
            if (last) {
                try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                    JsonObject frame = reader.readObject();
                    unread.add(frame);
                    received.add(frame);
                }
                partial.setLength(0);
                notifyAll();
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        synchronized (this) {
            notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Close(1006, String.valueOf(error)));
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join();
            closed.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    /** How the server closed the connection. */
    public record Close(int code, String reason) {}

    public static JsonObject message(String id, String body) {
        return Json.createObjectBuilder()
                .add("type", "message")
                .add("id", id)
                .add("body", body)
                .build();
    }
}
