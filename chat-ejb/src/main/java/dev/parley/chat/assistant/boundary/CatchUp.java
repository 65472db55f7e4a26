package dev.parley.chat.assistant.boundary;

import dev.parley.chat.assistant.control.CatchUpPrompt;
import dev.parley.chat.assistant.control.ChunkParser;
import dev.parley.chat.assistant.control.EventStream;
import dev.parley.chat.assistant.control.LlmGateway;
import dev.parley.chat.assistant.control.LlmSettings;
import dev.parley.chat.assistant.control.TokenCounter;
import dev.parley.chat.assistant.entity.CompletionRequest;
import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.message.boundary.MessageStore;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.protocol.control.FrameCodec;
import dev.parley.chat.protocol.entity.ClientFrame;
import dev.parley.chat.protocol.entity.ErrorCode;
import dev.parley.chat.protocol.entity.Frames;
import dev.parley.chat.provider.control.LlmProviders;
import dev.parley.chat.room.boundary.ReadMarkers;
import dev.parley.chat.room.boundary.Rooms;
import dev.parley.chat.room.control.Connection;
import dev.parley.chat.room.control.Fanout;
import dev.parley.chat.room.control.FrameHandler;
import dev.parley.chat.room.control.OutboundFrame;
import dev.parley.chat.room.entity.AssistantMode;
import dev.parley.chat.room.entity.Room;
import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomSignal;
import dev.parley.chat.usage.boundary.Budgets;
import dev.parley.chat.usage.boundary.Usage;
import dev.parley.chat.usage.entity.UsageRecord;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The {@code catchup} frame: a summary of what the sender missed in the room (after their read
 * marker, or after {@code since}), streamed by the default provider to that person's connections
 * only, never stored as a message; its tokens count against their own daily budget and usage.
 */
@ApplicationScoped
public class CatchUp implements FrameHandler {

    public static final String USAGE_NAME = "catch-up";
    private static final Logger LOG = Logger.getLogger(CatchUp.class.getName());
    /** Without a read marker or {@code since}: the room's latest messages. */
    private static final int LATEST_WITHOUT_MARKER = 100;

    @EJB
    MessageStore store;

    @EJB
    ReadMarkers markers;

    @EJB
    Rooms rooms;

    @Inject
    Assistant assistant;

    @EJB
    Budgets budgets;

    @EJB
    Usage usage;

    @Inject
    Fanout fanout;

    @Inject
    LlmGateway gateway;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    LlmSettings llm;

    private ExecutorService readers;
    private ScheduledExecutorService timers;
    private Semaphore running;
    /** room + user: one catch-up at a time per person and room */
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        readers = Executors.newCachedThreadPool(threads);
        timers = Executors.newSingleThreadScheduledExecutor(threads);
        running = new Semaphore(llm.maxConcurrent());
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
        timers.shutdownNow();
    }

    @Override
    public String frameType() {
        return "catchup";
    }

    @Override
    public void handle(Connection connection, ClientFrame frame) {
        onCatchUp(connection, frame);
    }

    public void onCatchUp(Connection connection, ClientFrame frame) {
        Double since = frame.since();
        if (since != null && (since < 0 || since != Math.rint(since) || since > Long.MAX_VALUE)) {
            refuse(connection, ErrorCode.BAD_REQUEST, "since must be a whole number >= 0");
            return;
        }
        if (!gateway.configured(LlmProviders.DEFAULT)) {
            refuse(connection, ErrorCode.ASSISTANT_UNAVAILABLE, "no provider is configured (CHAT_LLM_BASE_URL)");
            return;
        }
        if (assistant.paused()) {
            refuse(connection, ErrorCode.ASSISTANT_UNAVAILABLE, "the assistant is paused by an operator");
            return;
        }
        String room = connection.room();
        // a room whose AI is off keeps its messages from the provider, summaries included
        if (rooms.find(room).map(Room::assistantMode).orElse(AssistantMode.MENTION) == AssistantMode.OFF) {
            refuse(connection, ErrorCode.ASSISTANT_UNAVAILABLE, "the assistant is off in this room");
            return;
        }
        Identity reader = connection.identity();
        String key = room + "\n" + reader.id();
        if (!asked.add(key)) {
            refuse(connection, ErrorCode.RATE_LIMITED, "your catch-up of this room is still being written");
            return;
        }
        boolean handedOver = false;
        try {
            List<MessageView> missed = missed(room, reader.id(), since);
            if (missed.isEmpty()) {
                refuse(connection, ErrorCode.BAD_REQUEST, "nothing new to catch up on");
                return;
            }
            List<CompletionRequest.Turn> prompt = CatchUpPrompt.build(room, reader.name(), missed, llm.contextTokens());
            Budgets.Reservation reservation = llm.userDailyBudget().isEmpty()
                    ? null
                    : budgets.reserve(
                            reader.id(),
                            room,
                            TokenCounter.count(prompt.get(1).content()) + llm.replyReserve(),
                            llm.userDailyBudget(),
                            Optional.empty());
            if (reservation != null && reservation.refused()) {
                refuse(connection, ErrorCode.QUOTA_EXCEEDED, reservation.refusal());
                return;
            }
            if (!running.tryAcquire()) {
                settle(reservation, 0);
                refuse(connection, ErrorCode.RATE_LIMITED, "too many catch-ups are being written; try again shortly");
                return;
            }
            Job job = new Job(UUID.randomUUID().toString(), room, reader, missed, prompt, reservation);
            readers.execute(() -> {
                try {
                    run(job);
                } finally {
                    running.release();
                    asked.remove(key);
                }
            });
            handedOver = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "room {0}: a catch-up failed to start: {1}", new Object[] {room, e.toString()});
            refuse(connection, ErrorCode.INTERNAL_ERROR, "the catch-up could not be started");
        } finally {
            if (!handedOver) {
                asked.remove(key);
            }
        }
    }

    /** The messages after the marker (or {@code since}) that were not taken back, oldest first, the latest {@code llm.catchUpMessages()} at most. */
    private List<MessageView> missed(String room, String userId, Double since) {
        long after;
        if (since != null) {
            after = since.longValue();
        } else {
            OptionalLong marker = markers.lastRead(room, userId);
            after = marker.isPresent() ? marker.getAsLong() : -1;
        }
        int window = after < 0 ? LATEST_WITHOUT_MARKER : llm.catchUpMessages();
        return store.latest(room, window).messages().stream()
                .filter(m ->
                        m.seq() > after && m.deletedAt() == null && !m.body().isBlank())
                .filter(m -> "user".equals(m.role()) || "assistant".equals(m.role()))
                .toList();
    }

    /** Runs on a reader thread: the provider's stream to the reader's connections, then the usage. */
    private void run(Job job) {
        long from = job.missed().get(0).seq();
        long to = job.missed().get(job.missed().size() - 1).seq();
        toReader(
                job,
                new Frames.Summary(job.id(), job.room(), from, to, job.missed().size()));
        StringBuilder body = new StringBuilder();
        long startedNanos = System.nanoTime();
        AtomicBoolean anyText = new AtomicBoolean();
        ChunkParser.Usage[] reported = new ChunkParser.Usage[1];
        String problem = null;
        try (Response response =
                gateway.open(LlmProviders.DEFAULT, CompletionRequest.streaming(llm.model(), job.prompt()))) {
            ScheduledFuture<?> firstToken = timers.schedule(
                    () -> {
                        if (!anyText.get()) {
                            response.close();
                        }
                    },
                    llm.firstTokenTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            ScheduledFuture<?> total =
                    timers.schedule(response::close, llm.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
            long[] index = {0};
            try {
                EventStream.read(response.readEntity(InputStream.class), data -> {
                    ChunkParser.Chunk chunk = ChunkParser.parse(data);
                    if (chunk.error() != null) {
                        throw new IllegalStateException("the provider reported an error");
                    }
                    if (!chunk.text().isEmpty()) {
                        anyText.set(true);
                        body.append(chunk.text());
                        toReader(job, new Frames.SummaryDelta(job.id(), chunk.text(), ++index[0]));
                    }
                    if (chunk.usage() != null) {
                        reported[0] = chunk.usage();
                    }
                    return !chunk.done();
                });
            } finally {
                firstToken.cancel(false);
                total.cancel(false);
            }
            if (!anyText.get()) {
                problem = "the assistant did not answer";
            }
        } catch (Exception e) {
            LOG.log(Level.INFO, "room {0}: a catch-up failed: {1}", new Object[] {job.room(), e.toString()});
            problem = "the assistant is unavailable";
        }
        String text = body.toString();
        List<Long> sources = CatchUpPrompt.sources(
                text, job.missed().stream().map(MessageView::seq).collect(Collectors.toSet()));
        toReader(job, new Frames.SummaryEnd(job.id(), problem == null ? "complete" : "failed", text, sources, problem));
        account(job, text, reported[0], anyText.get(), problem, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    private void account(
            Job job, String text, ChunkParser.Usage reported, boolean anyText, String problem, long elapsedMillis) {
        ChunkParser.Usage spent = reported != null
                ? reported
                : new ChunkParser.Usage(
                        anyText ? TokenCounter.count(job.prompt().get(1).content()) : 0, TokenCounter.count(text));
        try {
            usage.record(new UsageRecord(
                    UUID.randomUUID().toString(),
                    job.room(),
                    job.reader().id(),
                    job.reader().name(),
                    llm.model(),
                    USAGE_NAME,
                    spent.promptTokens(),
                    spent.completionTokens(),
                    reported == null,
                    elapsedMillis,
                    problem == null ? "complete" : "failed",
                    Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            settle(job.reservation(), spent.promptTokens() + spent.completionTokens());
            fanout.signal(new RoomSignal(job.room(), RoomSignal.Kind.USAGE_CHANGED));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "room {0}: recording a catch-up's usage failed: {1}", new Object[] {
                job.room(), e.toString()
            });
        }
    }

    private void settle(Budgets.Reservation reservation, long spent) {
        if (reservation != null) {
            budgets.settle(reservation, spent);
        }
    }

    private void toReader(Job job, Object frame) {
        fanout.publish(RoomBroadcast.toUser(job.room(), job.reader().id(), FrameCodec.write(frame)));
    }

    private static void refuse(Connection connection, ErrorCode code, String message) {
        connection.send(OutboundFrame.of(FrameCodec.write(new Frames.Error(code, message, null))));
    }

    private record Job(
            String id,
            String room,
            Identity reader,
            List<MessageView> missed,
            List<CompletionRequest.Turn> prompt,
            Budgets.Reservation reservation) {}
}
