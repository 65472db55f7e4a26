package dev.parley.chat.assistant.boundary;

import dev.parley.chat.assistant.control.Addressed;
import dev.parley.chat.assistant.control.AssistantMeters;
import dev.parley.chat.assistant.control.ChunkParser;
import dev.parley.chat.assistant.control.Conversation;
import dev.parley.chat.assistant.control.EventStream;
import dev.parley.chat.assistant.control.GenerationSlots;
import dev.parley.chat.assistant.control.LlmGateway;
import dev.parley.chat.assistant.control.LlmSettings;
import dev.parley.chat.assistant.control.ProviderUnavailableException;
import dev.parley.chat.assistant.control.Reply;
import dev.parley.chat.assistant.control.ReplyUsage;
import dev.parley.chat.assistant.control.RoomSettingsCache;
import dev.parley.chat.assistant.control.Speaker;
import dev.parley.chat.assistant.control.TurnGate;
import dev.parley.chat.assistant.control.TurnHold;
import dev.parley.chat.assistant.control.TurnQueue;
import dev.parley.chat.assistant.entity.CompletionRequest;
import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.boundary.MessageStore;
import dev.parley.chat.message.control.StoredMessage;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.message.entity.Role;
import dev.parley.chat.message.entity.Status;
import dev.parley.chat.platform.boundary.Metrics;
import dev.parley.chat.protocol.control.FrameCodec;
import dev.parley.chat.protocol.entity.ErrorCode;
import dev.parley.chat.protocol.entity.Frames;
import dev.parley.chat.provider.control.LlmProviders;
import dev.parley.chat.room.boundary.Rooms;
import dev.parley.chat.room.control.Fanout;
import dev.parley.chat.room.control.StreamingReplies;
import dev.parley.chat.room.entity.Broadcast;
import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomSignal;
import dev.parley.chat.usage.boundary.Budgets;
import dev.parley.chat.usage.entity.UsageRecord;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The assistant: answers mentions (or every message, per room), one reply at a time per room in
 * the order asked, streamed to everyone in the room. Stop cancels the upstream request.
 */
@ApplicationScoped
public class Assistant implements StreamingReplies {

    public static final ChatUser ASSISTANT = Speaker.ASSISTANT;
    public static final ChatUser SYSTEM = new ChatUser("system", "System");
    private static final Logger LOG = Logger.getLogger(Assistant.class.getName());
    private static final long SETTINGS_TTL_NANOS = TimeUnit.SECONDS.toNanos(2);

    @EJB
    MessageStore store;

    @EJB
    Rooms rooms;

    @EJB
    Budgets budgets;

    @Inject
    Fanout fanout;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    LlmGateway gateway;

    @Inject
    TurnGate gate;

    @Inject
    RemoteReplies remoteReplies;

    @Inject
    Metrics metrics;

    @Inject
    LlmSettings llm;

    private ExecutorService readers;
    private ScheduledExecutorService timers;
    private GenerationSlots generations;
    private final Map<Reply, TurnHold> holds = new ConcurrentHashMap<>();
    private final TurnQueue<Ask> turns = new TurnQueue<>();
    private final Map<String, Reply> streaming = new ConcurrentHashMap<>();
    private RoomSettingsCache settings;
    private volatile boolean paused;
    private AssistantMeters meters;

    /** Created at deployment, so that its meters are on /metrics from the start. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object ready) {
        // creating the bean is the point
    }

    @PostConstruct
    void start() {
        // one thread per turn: it waits for a generation slot, then reads the provider's stream
        readers = Executors.newCachedThreadPool(threads);
        timers = Executors.newSingleThreadScheduledExecutor(threads);
        generations = new GenerationSlots(llm.maxConcurrent());
        meters = new AssistantMeters(metrics, llm.model());
        settings = new RoomSettingsCache(
                room -> rooms.find(room)
                        .map(r -> new RoomSettingsCache.Settings(
                                r.assistantMode(), r.persona(), rooms.participants(room))),
                SETTINGS_TTL_NANOS,
                System::nanoTime);
    }

    @PreDestroy
    void stop() {
        streaming.values().forEach(reply -> {
            reply.end(Status.FAILED, "the server is stopping");
            reply.abort();
        });
        readers.shutdownNow();
        timers.shutdownNow();
    }

    /** A stored user message: a turn, in the room's queue, for each AI it calls ({@link Addressed}). */
    public void onStored(@Observes StoredMessage stored) {
        MessageView message = stored.message();
        RoomSettingsCache.Settings room;
        try {
            room = settings.of(message.room());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "room {0}: the room's settings could not be read, message {1} asks no AI: {2}",
                    new Object[] {message.room(), message.id(), e.toString()});
            return;
        }
        java.util.List<Speaker> called =
                Addressed.speakers(message.body(), room.mode(), llm.model(), room.persona(), room.participants());
        if (called.isEmpty()) {
            return;
        }
        if (paused) {
            fanout.publish(RoomBroadcast.toUser(
                    message.room(),
                    stored.author().id(),
                    FrameCodec.write(new Frames.Error(
                            ErrorCode.ASSISTANT_UNAVAILABLE, "the assistant is paused by an operator", message.id()))));
            return;
        }
        for (Speaker speaker : called) {
            turns.add(message.room(), new Ask(message.room(), stored.author().user(), speaker, message.id()))
                    .ifPresent(now -> readers.execute(() -> answer(now)));
        }
    }

    /** Stops the reply streaming in the room, if any; queued turns stay queued. */
    public void stop(String room) {
        Reply reply = streaming.get(room);
        if (reply != null) {
            end(reply, Status.STOPPED, null);
        }
    }

    /** The reply streaming in the room now (on this node or another), as a newcomer should see it. */
    @Override
    public Optional<Streaming> streamingIn(String room) {
        return snapshot(room).map(now -> new Streaming(now.messageSoFar(), now.deltas()));
    }

    public Optional<Reply.Snapshot> snapshot(String room) {
        Reply here = streaming.get(room);
        return here != null ? Optional.of(here.snapshot()) : remoteReplies.snapshot(room);
    }

    /** Whether a provider is configured (CHAT_LLM_BASE_URL). */
    public boolean providerConfigured() {
        return gateway.configured();
    }

    /** True while the last call found the provider's circuit breaker open (it failed repeatedly). */
    public boolean circuitOpen() {
        return meters.isCircuitOpen();
    }

    public String model() {
        return llm.model();
    }

    /** True while an operator keeps the assistant from answering (on every node, until resumed). */
    public boolean paused() {
        return paused;
    }

    /** Signals from any node: stop the reply streaming here, forget cached room settings, pause. */
    public void onSignal(@Observes @Broadcast RoomSignal signal) {
        switch (signal.kind()) {
            case STOP_ASSISTANT -> stop(signal.room());
            case SETTINGS_CHANGED -> settings.forget(signal.room());
            case ASSISTANT_PAUSED -> paused = Boolean.parseBoolean(signal.subject());
            default -> {
                // not the assistant's
            }
        }
    }

    /**
     * Runs on a reader thread: one turn, from the first frame to the stored final message. What
     * the turn takes (the room's turn, a token reservation, a generation slot) goes into its
     * {@link TurnHold}: given back here if no reply started, else by {@link #finish}.
     */
    private void answer(Ask ask) {
        TurnHold hold = new TurnHold(() -> next(ask.room()));
        boolean replyStarted = false;
        try {
            gate.enter(ask.room());
            if (!gateway.configured(ask.speaker().provider())) {
                announceNotConfigured(ask);
                return;
            }
            java.util.List<CompletionRequest.Turn> context = Conversation.build(
                    ask.room(),
                    ask.speaker().user().id(),
                    ask.speaker().participant(),
                    ask.speaker().persona(),
                    store.latest(ask.room(), llm.contextMessages()).messages(),
                    llm.contextTokens());
            Budgets.Reservation reservation = reserve(ask, Conversation.promptTokens(context) + llm.replyReserve());
            if (reservation != null && reservation.refused()) {
                fanout.publish(RoomBroadcast.toUser(
                        ask.room(),
                        ask.askedBy().id(),
                        FrameCodec.write(
                                new Frames.Error(ErrorCode.QUOTA_EXCEEDED, reservation.refusal(), ask.messageId()))));
                return;
            }
            if (reservation != null) {
                hold.reserved(reservation.tokens(), spent -> settle(reservation, spent));
            }
            hold.slot(generations.take());
            MessageView started =
                    store.storeReply(ask.room(), ask.speaker().user(), Role.ASSISTANT, "", Status.STREAMING);
            Reply reply = new Reply(started, ask.askedBy(), ask.speaker());
            hold.started();
            holds.put(reply, hold);
            replyStarted = true;
            converse(ask, reply, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "room {0}: an assistant turn failed: {1}", new Object[] {ask.room(), e.toString()});
        } finally {
            if (!replyStarted) {
                hold.close();
            }
        }
    }

    private void announceNotConfigured(Ask ask) {
        MessageView notice = store.storeReply(
                ask.room(),
                SYSTEM,
                Role.SYSTEM,
                ask.speaker().participant() == null
                        ? "The assistant is not configured on this server (CHAT_LLM_BASE_URL is not set)."
                        : "@" + ask.speaker().participant() + " cannot answer: its provider '"
                                + ask.speaker().provider() + "' is not configured on this server.",
                Status.COMPLETE);
        fanout.publish(
                new RoomBroadcast(ask.room(), FrameCodec.write(new Frames.MessageFrame(notice)), notice.seq(), null));
    }

    /** Reserves tokens against the daily budgets; null when no budget is set. */
    private Budgets.Reservation reserve(Ask ask, long estimate) {
        if (llm.userDailyBudget().isEmpty() && llm.roomDailyBudget().isEmpty()) {
            return null;
        }
        return budgets.reserve(ask.askedBy().id(), ask.room(), estimate, llm.userDailyBudget(), llm.roomDailyBudget());
    }

    private void settle(Budgets.Reservation reservation, long spent) {
        if (reservation == null) {
            return;
        }
        try {
            budgets.settle(reservation, spent);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "settling a token reservation failed: {0}", e.toString());
        }
    }

    /**
     * Streams one reply. The reply is finished (stored, announced, its slot freed, the next turn
     * started) by whoever ends it first: the end of the stream, stop, a timeout, a failure; a
     * reader stuck on a silent provider is not waited for.
     */
    private void converse(Ask ask, Reply reply, java.util.List<CompletionRequest.Turn> context) {
        MessageView started = reply.message();
        streaming.put(ask.room(), reply);
        try {
            fanout.publish(new RoomBroadcast(
                    ask.room(), FrameCodec.write(new Frames.MessageFrame(started)), started.seq(), null));
            reply.promptEstimate(Conversation.promptTokens(context));
            reply.timers(
                    timers.schedule(
                            () -> end(reply, Status.FAILED, "the assistant did not start answering in time"),
                            llm.firstTokenTimeout().toMillis(),
                            TimeUnit.MILLISECONDS),
                    timers.schedule(
                            () -> end(reply, Status.FAILED, "the assistant took too long"),
                            llm.totalTimeout().toMillis(),
                            TimeUnit.MILLISECONDS));
            read(reply, context);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "room {0}, reply {1}: the reply failed: {2}", new Object[] {
                ask.room(), started.id(), e.toString()
            });
        } finally {
            end(reply, Status.FAILED, "the assistant's answer was cut off");
        }
    }

    /** Ends the reply; the one caller that does so has it finished on another thread. */
    private void end(Reply reply, Status status, String problem) {
        if (reply.end(status, problem)) {
            readers.execute(() -> finish(reply));
            readers.execute(reply::abort);
        }
    }

    private void read(Reply reply, java.util.List<CompletionRequest.Turn> context) {
        Speaker speaker = reply.speaker();
        // the circuit gauge and the health check speak of the default provider, the assistant's
        boolean assistantsProvider = LlmProviders.DEFAULT.equals(speaker.provider());
        try (Response response =
                gateway.open(speaker.provider(), CompletionRequest.streaming(speaker.model(), context))) {
            if (assistantsProvider) {
                meters.circuitClosed();
            }
            reply.onCancel(response::close);
            if (reply.isEnded()) {
                return;
            }
            EventStream.read(response.readEntity(InputStream.class), data -> onEvent(reply, data));
        } catch (ProviderUnavailableException e) {
            if (assistantsProvider) {
                meters.circuitOpen();
            }
            end(reply, Status.FAILED, "the assistant is unavailable");
        } catch (IOException | RuntimeException e) {
            if (!reply.isEnded()) {
                LOG.log(Level.INFO, "room {0}, reply {1}: the provider failed: {2}", new Object[] {
                    reply.message().room(), reply.message().id(), e.toString()
                });
            }
            end(reply, Status.FAILED, "the assistant is unavailable");
        }
    }

    /** One event of the provider's stream; false once the reply is over. */
    private boolean onEvent(Reply reply, String data) {
        if (reply.isEnded()) {
            return false;
        }
        ChunkParser.Chunk chunk = ChunkParser.parse(data);
        if (chunk.error() != null) {
            end(reply, Status.FAILED, "the assistant's provider reported an error");
            return false;
        }
        if (!chunk.text().isEmpty()) {
            if (reply.firstTokenArrived()) {
                meters.firstToken(reply.elapsedMillis());
            }
            synchronized (reply) {
                long index = reply.append(chunk.text());
                fanout.publish(RoomBroadcast.delta(
                        reply.message().room(),
                        FrameCodec.write(new Frames.Delta(reply.message().id(), chunk.text(), index)),
                        index));
            }
        }
        if (chunk.usage() != null) {
            reply.usage(chunk.usage());
        }
        if (chunk.done()) {
            end(reply, Status.COMPLETE, null);
            return false;
        }
        return true;
    }

    /** Runs once per reply, on a thread of its own ({@link #end}); gives back what its turn holds. */
    private void finish(Reply reply) {
        String room = reply.message().room();
        Reply.Ending ending = reply.ending();
        TurnHold hold = holds.remove(reply);
        try {
            String body = reply.body();
            ChunkParser.Usage usage = ReplyUsage.of(reply, body);
            UsageRecord record = ReplyUsage.record(reply, ending, usage, Instant.now());
            MessageView finished = store.finishReply(room, reply.message().seq(), body, ending.status(), record);
            meters.finished(ending.status(), usage.promptTokens(), usage.completionTokens(), reply.elapsedMillis());
            hold.spent(usage.promptTokens() + usage.completionTokens());
            if (finished != null) {
                fanout.publish(RoomBroadcast.toAll(room, FrameCodec.write(new Frames.Complete(finished))));
            }
            if (ending.status() == Status.FAILED) {
                fanout.publish(RoomBroadcast.toUser(
                        room,
                        reply.askedBy().id(),
                        FrameCodec.write(new Frames.Error(ErrorCode.ASSISTANT_UNAVAILABLE, ending.problem(), null))));
            }
            fanout.signal(new RoomSignal(room, RoomSignal.Kind.USAGE_CHANGED));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "room {0}, reply {1}: finishing the reply failed: {2}", new Object[] {
                room, reply.message().id(), e.toString()
            });
        } finally {
            streaming.remove(room, reply);
            hold.close(); // unsettled (finishing failed): the whole estimate counts as spent
        }
    }

    private void next(String room) {
        gate.leave(room);
        turns.finish(room).ifPresent(following -> readers.execute(() -> answer(following)));
    }

    private record Ask(String room, ChatUser askedBy, Speaker speaker, String messageId) {}
}
