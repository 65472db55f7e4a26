package dev.parley.chat.message.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.message.boundary.MessageStore;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.platform.boundary.Metrics;
import dev.parley.chat.room.entity.RoomBroadcast;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write lanes against a store that behaves like the database: a unique (room, id). */
class WriteLanesTest {

    private final FakeStore store = new FakeStore();
    private final List<RoomBroadcast> broadcasts = new CopyOnWriteArrayList<>();
    private final List<StoredMessage> stored = new CopyOnWriteArrayList<>();
    private WriteLanes lanes;

    @BeforeEach
    void start() {
        lanes = new WriteLanes();
        lanes.store = store;
        lanes.fanout = broadcasts::add;
        lanes.stored = events(stored);
        lanes.metrics = Metrics.standalone();
        lanes.threads = threads();
        lanes.laneCount = 1;
        lanes.maxBatch = 256;
        lanes.recentIdCount = 100;
        lanes.startLanes();
    }

    @AfterEach
    void stop() {
        lanes.stopLanes();
    }

    @Test
    void aMessageIsStoredThenAckedToItsSenderAndBroadcastToTheOthers() {
        Sender alice = new Sender("alice");
        lanes.submit(alice.submission("lobby", "m-1", "hello"));

        assertThat(alice.await("\"type\":\"ack\"")).contains("\"id\":\"m-1\"").contains("\"seq\":1");
        await(() -> broadcasts.size() == 1 && stored.size() == 1);
        assertThat(broadcasts.get(0).seq()).isEqualTo(1);
        assertThat(broadcasts.get(0).exceptConnectionId()).isEqualTo(alice.connection.id());
        String scraped = lanes.metrics.scrape();
        assertThat(scraped)
                .contains("parley_messages_stored_total 1.0")
                .contains("parley_ack_latency_seconds_count 1")
                .contains("parley_store_batch_size_count 1");
    }

    @Test
    void aResentRecentIdIsLookedUpInsteadOfFailingABatchAndIsNeitherStoredNorSentTwice() {
        Sender alice = new Sender("alice");
        lanes.submit(alice.submission("lobby", "m-1", "hello"));
        alice.await("\"seq\":1");

        lanes.submit(alice.submission("lobby", "m-1", "hello"));
        await(() -> alice.count("\"type\":\"ack\"") == 2);

        assertThat(alice.frames).filteredOn(f -> f.contains("\"type\":\"ack\"")).allMatch(f -> f.contains("\"seq\":1"));
        assertThat(store.failedBatches).hasValue(0);
        assertThat(store.rows).hasSize(1);
        assertThat(broadcasts).hasSize(1);
    }

    @Test
    void anIdStoredBeforeTheNodeRememberedItFailsTheBatchWhichIsThenStoredOneByOne() {
        Sender alice = new Sender("alice");
        store.rows.put("lobby/old", new Row("u-alice", 7)); // e.g. stored before a restart
        store.nextSeq.put("lobby", 8L);
        for (String id : List.of("new-1", "old", "new-2")) {
            lanes.submit(alice.submission("lobby", id, "body " + id));
        }
        // each ack goes out just before its broadcast: wait for both
        await(() -> alice.count("\"type\":\"ack\"") == 3 && broadcasts.size() >= 2);

        assertThat(alice.await("\"id\":\"old\"")).contains("\"seq\":7");
        assertThat(store.rows.keySet()).containsExactlyInAnyOrder("lobby/old", "lobby/new-1", "lobby/new-2");
        assertThat(broadcasts).extracting(RoomBroadcast::seq).containsExactlyInAnyOrder(8L, 9L);
    }

    @Test
    void anIdAnotherUserAlreadyUsedInTheRoomIsRefused() {
        Sender alice = new Sender("alice");
        Sender mallory = new Sender("mallory");
        lanes.submit(alice.submission("lobby", "m-1", "hello"));
        alice.await("\"seq\":1");

        lanes.submit(mallory.submission("lobby", "m-1", "hijack"));

        assertThat(mallory.await("\"type\":\"error\"")).contains("bad_request").contains("\"id\":\"m-1\"");
        assertThat(store.rows.get("lobby/m-1").userId()).isEqualTo("u-alice");
        assertThat(broadcasts).hasSize(1);
    }

    @Test
    void aBatchTheDatabaseFailsIsRefusedAtOnceNotRetriedMessageByMessage() {
        Sender alice = new Sender("alice");
        store.databaseDown = true;
        for (String id : List.of("a", "b", "c")) {
            lanes.submit(alice.submission("lobby", id, "body " + id));
        }
        await(() -> alice.count("store_failed") == 3);

        assertThat(store.checkedCalls)
                .as("no second wait for the database per message")
                .hasValue(0);
        assertThat(broadcasts).isEmpty();
        assertThat(lanes.metrics.scrape())
                .contains("parley_frames_refused_total{code=\"store_failed\"} 3.0")
                .contains("parley_messages_stored_total 0.0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStoredMessageIsAckedOnceEvenWhenWhatFollowsItFailsAndItsBatchIsAnsweredToo() throws Exception {
        // an observer of stored messages that needs the database, as it dies right after a commit
        lanes.stored = (Event<StoredMessage>) Proxy.newProxyInstance(
                WriteLanesTest.class.getClassLoader(), new Class<?>[] {Event.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("the database went away after the commit");
                });
        Sender alice = new Sender("alice");
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        store.gate = gate;
        lanes.submit(alice.submission("lobby", "first", "held in the store"));
        await(() -> store.waiting);
        for (String id : List.of("a", "b", "c", "d")) {
            lanes.submit(alice.submission("lobby", id, "body " + id)); // queued: one batch
        }
        gate.countDown();
        await(() -> alice.count("\"type\":\"ack\"") == 5);
        lanes.submit(alice.submission("lobby", "a", "body a")); // a resend, stored alone
        await(() -> alice.count("\"type\":\"ack\"") == 6);

        assertThat(alice.count("store_failed"))
                .as("no second answer to an acked message")
                .isZero();
        assertThat(broadcasts).hasSize(5);
    }

    private record Row(String userId, long seq) {}

    /** Stores like the database would: one seq counter per room, a unique (room, id). */
    static final class FakeStore extends MessageStore {
        final Map<String, Row> rows = new HashMap<>();
        final Map<String, Long> nextSeq = new HashMap<>();
        final AtomicInteger failedBatches = new AtomicInteger();
        final AtomicInteger checkedCalls = new AtomicInteger();
        volatile boolean databaseDown;
        /** when set, the next store waits for it (with {@code waiting} true meanwhile) */
        volatile java.util.concurrent.CountDownLatch gate;

        volatile boolean waiting;

        @Override
        public synchronized List<StoreOutcome> store(List<NewMessage> batch) {
            java.util.concurrent.CountDownLatch held = gate;
            if (held != null) {
                gate = null;
                waiting = true;
                try {
                    held.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (databaseDown) {
                throw new IllegalStateException(new SQLException("connection refused", "08001"));
            }
            for (NewMessage message : batch) {
                if (rows.containsKey(message.room() + "/" + message.id())) {
                    failedBatches.incrementAndGet();
                    throw new IllegalStateException(new SQLIntegrityConstraintViolationException(
                            "unique constraint (room, id) violated; nothing stored", "23505"));
                }
            }
            List<StoreOutcome> outcomes = new ArrayList<>();
            for (NewMessage message : batch) {
                outcomes.add(insert(message));
            }
            return outcomes;
        }

        @Override
        public synchronized StoreOutcome storeChecked(NewMessage message) {
            checkedCalls.incrementAndGet();
            if (databaseDown) {
                throw new IllegalStateException(new SQLException("connection refused", "08001"));
            }
            Row earlier = rows.get(message.room() + "/" + message.id());
            if (earlier == null) {
                return insert(message);
            }
            return earlier.userId().equals(message.user().id())
                    ? StoreOutcome.retry(earlier.seq())
                    : StoreOutcome.idTaken();
        }

        private StoreOutcome insert(NewMessage message) {
            long seq = nextSeq.getOrDefault(message.room(), 1L);
            nextSeq.put(message.room(), seq + 1);
            rows.put(message.room() + "/" + message.id(), new Row(message.user().id(), seq));
            return StoreOutcome.stored(new MessageView(
                    message.id(),
                    seq,
                    message.room(),
                    message.user(),
                    "user",
                    message.body(),
                    "complete",
                    Instant.now()));
        }
    }

    private static final class Sender implements Submission.Origin {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final ChatUser user;
        final Identity identity;
        final String id = java.util.UUID.randomUUID().toString();
        final Sender connection = this;

        Sender(String name) {
            user = new ChatUser("u-" + name, name);
            identity = new Identity(user.id(), name, Set.of(), null);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Identity identity() {
            return identity;
        }

        @Override
        public void reply(String frame) {
            frames.add(frame);
        }

        Submission submission(String room, String id, String body) {
            return new Submission(connection, id, new NewMessage(room, user, id, body), System.nanoTime());
        }

        String await(String fragment) {
            WriteLanesTest.await(() -> frames.stream().anyMatch(f -> f.contains(fragment)));
            return frames.stream().filter(f -> f.contains(fragment)).findFirst().orElseThrow();
        }

        long count(String fragment) {
            return frames.stream().filter(f -> f.contains(fragment)).count();
        }
    }

    private static void await(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s");
            }
            Thread.onSpinWait();
        }
    }

    @SuppressWarnings("unchecked")
    private static Event<StoredMessage> events(List<StoredMessage> fired) {
        return (Event<StoredMessage>) Proxy.newProxyInstance(
                WriteLanesTest.class.getClassLoader(), new Class<?>[] {Event.class}, (proxy, method, args) -> {
                    if (method.getName().equals("fire")) {
                        fired.add((StoredMessage) args[0]);
                    }
                    return null;
                });
    }

    private static ManagedThreadFactory threads() {
        return (ManagedThreadFactory) Proxy.newProxyInstance(
                WriteLanesTest.class.getClassLoader(),
                new Class<?>[] {ManagedThreadFactory.class},
                (proxy, method, args) -> method.getName().equals("newThread") && args[0] instanceof Runnable task
                        ? new Thread(task)
                        : null);
    }
}
