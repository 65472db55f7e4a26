package dev.parley.chat.bench;

import dev.parley.chat.it.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The chat load test: R rooms x U users, each user sending one message every I ms for D seconds,
 * against a running server. Measures end-to-end latency (send to delivery at every other member,
 * one clock since all clients live in this JVM), deliveries per second and losses, and checks that
 * every acked message is stored. Bounded in time and count; loopback only.
 *
 * <p>Args: baseUrl rooms users intervalMillis seconds
 */
public final class ChatLoad {

    private static final String MARK = "\"body\":\"t=";

    private final URI base;
    private final int rooms;
    private final int users;
    private final long intervalMillis;
    private final int seconds;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder closedEarly = new LongAdder();
    private final Map<String, LongAdder> ackedPerRoom = new ConcurrentHashMap<>();

    private ChatLoad(URI base, int rooms, int users, long intervalMillis, int seconds) {
        this.base = base;
        this.rooms = rooms;
        this.users = users;
        this.intervalMillis = intervalMillis;
        this.seconds = Math.min(seconds, 300);
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(arg(args, 0, "http://127.0.0.1:8080/"));
        ChatLoad load = new ChatLoad(
                base,
                Integer.parseInt(arg(args, 1, "40")),
                Integer.parseInt(arg(args, 2, "10")),
                Long.parseLong(arg(args, 3, "200")),
                Integer.parseInt(arg(args, 4, "15")));
        System.out.println(load.run());
    }

    private String run() throws Exception {
        Api api = new Api(base);
        HttpClient http = HttpClient.newHttpClient();
        String prefix = "load-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<Member> members = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            String room = prefix + r;
            ackedPerRoom.put(room, new LongAdder());
            for (int u = 0; u < users; u++) {
                Api.Login login = api.login("load-" + r + "-" + u);
                Member member = new Member(room);
                String ws = base.toString().replaceFirst("^http", "ws");
                member.socket = http.newWebSocketBuilder()
                        .buildAsync(URI.create(ws + "ws/rooms/" + room + "?access_token=" + login.token()), member)
                        .get(10, TimeUnit.SECONDS);
                members.add(member);
            }
        }
        Thread.sleep(1000);
        int threads = 4;
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "chat-load-sender");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (Member member : members) {
            long offset = ThreadLocalRandom.current().nextLong(intervalMillis * 1000);
            senders.scheduleAtFixedRate(
                    () -> {
                        if (System.nanoTime() < end) {
                            member.send();
                        }
                    },
                    offset,
                    intervalMillis * 1000,
                    TimeUnit.MICROSECONDS);
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
        senders.shutdownNow();
        long sendSeconds = System.nanoTime() - start;
        Thread.sleep(3000);

        long expected = acked.sum() * (users - 1);
        long stored = 0;
        String token = api.login("load-checker").token();
        for (String room : ackedPerRoom.keySet()) {
            stored += storedCount(api, token, room);
        }
        for (Member member : members) {
            member.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        double secs = sendSeconds / 1e9;
        return String.format(
                "rooms=%d users/room=%d interval=%dms duration=%ds%n"
                        + "sent=%d acked=%d refused=%d (%.0f msg/s in)%n"
                        + "deliveries=%d expected=%d lost=%d (%.0f deliveries/s out)%n"
                        + "stored=%d of %d acked%n"
                        + "latency ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n"
                        + "connections closed early=%d",
                rooms,
                users,
                intervalMillis,
                seconds,
                sent.sum(),
                acked.sum(),
                refused.sum(),
                sent.sum() / secs,
                delivered.sum(),
                expected,
                expected - delivered.sum(),
                delivered.sum() / secs,
                stored,
                acked.sum(),
                latency.percentile(50),
                latency.percentile(90),
                latency.percentile(99),
                latency.percentile(99.9),
                latency.max(),
                closedEarly.sum());
    }

    private static long storedCount(Api api, String token, String room) {
        Api.Response response = api.get("api/rooms/" + room + "/messages?limit=1", token);
        var messages = response.json().getJsonArray("messages");
        return messages.isEmpty()
                ? 0
                : messages.getJsonObject(0).getJsonNumber("seq").longValue();
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index ? args[index] : fallback;
    }

    /** One user in one room: sends on schedule, measures what it receives. */
    private final class Member implements WebSocket.Listener {
        final String room;
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        Member(String room) {
            this.room = room;
        }

        void send() {
            String frame = "{\"type\":\"message\",\"id\":\"" + UUID.randomUUID() + "\",\"body\":\"t="
                    + System.nanoTime() + "\"}";
            sent.increment();
            synchronized (this) {
                socket.sendText(frame, true).join();
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (!last) {
                return null;
            }
            String text = partial.toString();
            partial.setLength(0);
            if (text.contains("\"type\":\"ack\"")) {
                acked.increment();
                ackedPerRoom.get(room).increment();
            } else if (text.contains("\"type\":\"message\"")) {
                int at = text.indexOf(MARK);
                if (at >= 0) {
                    int from = at + MARK.length();
                    long sentAt = Long.parseLong(text, from, text.indexOf('"', from), 10);
                    latency.record(now - sentAt);
                    delivered.increment();
                }
            } else if (text.contains("\"type\":\"error\"")) {
                refused.increment();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (statusCode != WebSocket.NORMAL_CLOSURE) {
                closedEarly.increment();
            }
            return null;
        }
    }

    /** Latencies in microsecond buckets up to 10 s; thread-safe, no allocation per sample. */
    static final class LatencyHistogram {
        private static final int MAX_MICROS = 10_000_000;
        private final AtomicLong[] buckets = new AtomicLong[2000];
        private final AtomicLong maxNanos = new AtomicLong();
        private final LongAdder count = new LongAdder();

        LatencyHistogram() {
            Arrays.setAll(buckets, i -> new AtomicLong());
        }

        /** Buckets: 10 us wide up to 10 ms, then 1 ms wide up to 1 s, then 10 ms wide. */
        private static int bucket(long micros) {
            if (micros < 10_000) {
                return (int) (micros / 10);
            }
            if (micros < 1_000_000) {
                return 1000 + (int) ((micros - 10_000) / 1000);
            }
            return Math.min(1990 + (int) ((micros - 1_000_000) / 1_000_000), 1999);
        }

        private static double upperMillis(int bucket) {
            if (bucket < 1000) {
                return (bucket + 1) * 0.01;
            }
            if (bucket < 1990) {
                return 10 + (bucket - 1000 + 1);
            }
            return 1000 + (bucket - 1990 + 1) * 1000.0;
        }

        void record(long nanos) {
            long micros = Math.min(Math.max(0, nanos / 1000), MAX_MICROS);
            buckets[bucket(micros)].incrementAndGet();
            count.increment();
            maxNanos.accumulateAndGet(nanos, Math::max);
        }

        double percentile(double p) {
            long total = count.sum();
            long target = (long) Math.ceil(total * p / 100.0);
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i].get();
                if (seen >= target && total > 0) {
                    return upperMillis(i);
                }
            }
            return 0;
        }

        double max() {
            return maxNanos.get() / 1e6;
        }
    }
}
