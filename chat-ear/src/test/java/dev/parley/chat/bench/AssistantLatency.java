package dev.parley.chat.bench;

import dev.parley.chat.it.Api;
import dev.parley.chat.it.FakeLlm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server adds to an assistant reply: the fake provider (in this JVM) stamps each token
 * with the time it sent it; 10 clients in one room note when each delta arrives. Reports the
 * added latency of the first delta and of every delta, p50 and p99, over R replies.
 *
 * <p>Args: baseUrl replies clients warm-up-replies. The warm-up must be long enough for the
 * server's JIT to compile the delta path (a few thousand deltas per method): 20 warm-up replies
 * (1,000 deltas) left C2 compiling during the measured round and put its stalls in the p99.
 */
public final class AssistantLatency {

    private static final Pattern STAMP = Pattern.compile("~(\\d+)~");

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080/");
        int replies = Math.min(args.length > 1 ? Integer.parseInt(args[1]) : 20, 200);
        int clients = Math.min(args.length > 2 ? Integer.parseInt(args[2]) : 10, 100);
        int warmUpReplies = Math.min(args.length > 3 ? Integer.parseInt(args[3]) : 200, 1000);
        FakeLlm.start();
        Api api = new Api(base);
        // one thread for all clients: listeners run on the selector thread, no hand-off per frame, so
        // the instrument does not crowd the server off the two cores it shares with it
        HttpClient http = HttpClient.newBuilder().executor(Runnable::run).build();
        String room = "latency-" + UUID.randomUUID().toString().substring(0, 6);
        List<Long> first = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        CountDownLatch[] done = {new CountDownLatch(clients)};
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String token = api.login("bench-" + i).token();
            String ws = base.toString().replaceFirst("^http", "ws") + "ws/rooms/" + room + "?access_token=" + token;
            sockets.add(http.newWebSocketBuilder()
                    .buildAsync(URI.create(ws), new WebSocket.Listener() {
                        final StringBuilder partial = new StringBuilder();
                        boolean firstOfReply = true;

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            long now = System.nanoTime();
                            partial.append(data);
                            if (last) {
                                String text = partial.toString();
                                partial.setLength(0);
                                if (text.contains("\"type\":\"delta\"")) {
                                    Matcher stamp = STAMP.matcher(text);
                                    if (stamp.find()) {
                                        long added = now - Long.parseLong(stamp.group(1));
                                        synchronized (all) {
                                            all.add(added);
                                            if (firstOfReply) {
                                                first.add(added);
                                            }
                                        }
                                        firstOfReply = false;
                                    }
                                } else if (text.contains("\"type\":\"complete\"")) {
                                    firstOfReply = true;
                                    done[0].countDown();
                                }
                            }
                            socket.request(1);
                            return null;
                        }
                    })
                    .get(10, TimeUnit.SECONDS));
        }
        Thread.sleep(500);
        // the first round warms this JVM's client and provider code as much as the server's; only
        // the second one counts
        for (String round : List.of("warm-up", "measured")) {
            synchronized (all) {
                all.clear();
                first.clear();
            }
            int count = round.equals("warm-up") ? warmUpReplies : replies;
            for (int r = 0; r < count; r++) {
                done[0] = new CountDownLatch(clients);
                sockets.get(r % clients)
                        .sendText(
                                "{\"type\":\"message\",\"id\":\"" + UUID.randomUUID()
                                        + "\",\"body\":\"@assistant bench " + r + "\"}",
                                true)
                        .join();
                if (!done[0].await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("reply " + r + " did not complete");
                }
            }
            report(round, count, clients, first, all);
        }
        sockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        providerFloor(Math.min(replies, 40));
        FakeLlm.stop();
    }

    /**
     * The same provider read straight by this JVM, no Parley in between: what the provider's
     * server, the loopback and a waking reader cost on these shared cores (the instrument's floor).
     */
    private static void providerFloor(int replies) throws Exception {
        List<Long> direct = new ArrayList<>();
        URI completions = URI.create("http://127.0.0.1:" + FakeLlm.PORT + "/v1/chat/completions");
        String request =
                "{\"model\":\"bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"bench\"}]}";
        for (int r = 0; r < replies * 2; r++) {
            java.net.HttpURLConnection connection =
                    (java.net.HttpURLConnection) completions.toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    connection.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    long now = System.nanoTime();
                    Matcher stamp = STAMP.matcher(line);
                    if (stamp.find() && r >= replies) { // the first half warms up
                        direct.add(now - Long.parseLong(stamp.group(1)));
                    }
                }
            }
        }
        System.out.printf(
                "provider read directly, no Parley (floor) ms: p50=%.2f p99=%.2f max=%.2f%n",
                pct(direct, 50), pct(direct, 99), pct(direct, 100));
    }

    private static void report(String round, int replies, int clients, List<Long> first, List<Long> all) {
        synchronized (all) {
            System.out.printf("== %s: replies=%d clients=%d deltas=%d%n", round, replies, clients, all.size());
            System.out.printf(
                    "first delta added latency ms: p50=%.2f p99=%.2f max=%.2f%n",
                    pct(first, 50), pct(first, 99), pct(first, 100));
            System.out.printf(
                    "every delta added latency ms: p50=%.2f p99=%.2f max=%.2f%n",
                    pct(all, 50), pct(all, 99), pct(all, 100));
        }
    }

    private static double pct(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(p / 100 * sorted.size()) - 1));
        return sorted.get(index) / 1e6;
    }
}
