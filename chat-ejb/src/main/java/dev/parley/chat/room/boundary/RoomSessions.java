package dev.parley.chat.room.boundary;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.boundary.MessageStore;
import dev.parley.chat.message.control.MessageRules;
import dev.parley.chat.message.control.NewMessage;
import dev.parley.chat.message.control.SenderRateLimits;
import dev.parley.chat.message.control.Submission;
import dev.parley.chat.message.control.WriteLanes;
import dev.parley.chat.message.entity.MessagePage;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.platform.boundary.Metrics;
import dev.parley.chat.presence.boundary.Presence;
import dev.parley.chat.protocol.control.FrameCodec;
import dev.parley.chat.protocol.entity.ClientFrame;
import dev.parley.chat.protocol.entity.ErrorCode;
import dev.parley.chat.protocol.entity.Frames;
import dev.parley.chat.room.control.Connection;
import dev.parley.chat.room.control.Fanout;
import dev.parley.chat.room.control.FrameHandler;
import dev.parley.chat.room.control.InboundBudget;
import dev.parley.chat.room.control.OutboundFrame;
import dev.parley.chat.room.control.StreamingReplies;
import dev.parley.chat.room.entity.Room;
import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomSignal;
import io.micrometer.core.instrument.Counter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What happens on a room connection: the welcome and history on open, one handler per client
 * frame type, presence on close. The WebSocket endpoint only hands frames here.
 */
@ApplicationScoped
public class RoomSessions {

    /** WebSocket close code 1008, policy violation. */
    public static final int POLICY_VIOLATION = 1008;

    private static final int HISTORY_ON_CONNECT = 50;
    private static final int HISTORY_ON_RESUME = 1000;

    @EJB
    Rooms rooms;

    @EJB
    MessageStore store;

    @Inject
    RoomRegistry registry;

    @Inject
    RoomBans bans;

    @EJB
    Presence presence;

    @Inject
    WriteLanes lanes;

    @Inject
    Instance<StreamingReplies> streamingReplies;

    @Inject
    @Any
    Instance<FrameHandler> otherFeaturesFrames;

    @Inject
    MessageChanges changes;

    @Inject
    RoomReading reading;

    @Inject
    SenderRateLimits rateLimits;

    @Inject
    Fanout fanout;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Metrics metrics;

    @Inject
    @ConfigProperty(name = "chat.body.max", defaultValue = "4000")
    int maxBody;

    @Inject
    @ConfigProperty(name = "chat.outbox.limit", defaultValue = "2000")
    int outboxLimit;

    @Inject
    @ConfigProperty(name = "chat.cursor.interval", defaultValue = "PT0.05S")
    Duration cursorInterval;

    @Inject
    @ConfigProperty(name = "chat.typing.interval", defaultValue = "PT0.25S")
    Duration typingInterval;

    @Inject
    @ConfigProperty(name = "chat.rate.per.second", defaultValue = "10")
    double messagesPerSecond;

    @Inject
    @ConfigProperty(name = "chat.rate.burst", defaultValue = "20")
    double messageBurst;

    @Inject
    @ConfigProperty(name = "chat.frames.per.second")
    Optional<Double> framesPerSecond;

    @Inject
    @ConfigProperty(name = "chat.frames.burst")
    Optional<Double> framesBurst;

    @Inject
    @ConfigProperty(name = "chat.user.max.connections", defaultValue = "32")
    int maxConnectionsPerUser;

    @Inject
    @ConfigProperty(name = "chat.heartbeat.interval", defaultValue = "PT30S")
    Duration heartbeatInterval;

    private MessageRules rules;
    private Map<String, BiConsumer<Connection, ClientFrame>> handlers;
    private final Map<ErrorCode, Counter> refused = new EnumMap<>(ErrorCode.class);
    private Counter opened;
    private Counter received;
    private Counter rateLimited;
    private Counter floodCloses;
    private Counter hoardCloses;
    private Counter slowCloses;

    /** Created at deployment, so that its meters are on /metrics from the start. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object ready) {
        // creating the bean is the point
    }

    @PostConstruct
    void init() {
        rules = new MessageRules(maxBody);
        registerMeters();
        long every = Math.max(1, heartbeatInterval.toMillis());
        scheduler.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::closeExpired, 1, 1, TimeUnit.SECONDS);
        Map<String, BiConsumer<Connection, ClientFrame>> byType = new java.util.HashMap<>(Map.of(
                "message", this::onMessage,
                "typing", this::onTyping,
                "cursor", this::onCursor,
                "ping", (connection, frame) -> connection.send(frame(new Frames.Pong())),
                "stop", this::onStop,
                "edit", changes::onEdit,
                "delete", changes::onDelete,
                "react", changes::onReact,
                "read", reading::onRead));
        for (FrameHandler handler : otherFeaturesFrames) {
            byType.put(handler.frameType(), handler::handle);
        }
        handlers = Map.copyOf(byType);
    }

    private void registerMeters() {
        for (ErrorCode code : ErrorCode.values()) {
            refused.put(
                    code,
                    metrics.counter(
                            "parley.frames.refused",
                            "Client frames answered with an error frame, by its code",
                            "code",
                            code.wireName()));
        }
        opened = metrics.counter("parley.connections.opened", "Room connections admitted");
        received = metrics.counter("parley.messages.received", "Message frames received (before any check)");
        rateLimited = metrics.counter(
                "parley.frames.rate.limited", "Inbound frames dropped over a connection's or sender's budget");
        String closes = "Room connections the server closed, by reason";
        floodCloses = metrics.counter("parley.connections.closed", closes, "reason", "flooding");
        hoardCloses = metrics.counter("parley.connections.closed", closes, "reason", "too_many_connections");
        slowCloses = metrics.counter("parley.connections.closed", closes, "reason", "too_slow");
    }

    /** Frames that may wait for one connection before it is closed as too slow ({@code CHAT_OUTBOX_LIMIT}). */
    public int outboxLimit() {
        return outboxLimit;
    }

    /**
     * The inbound frame budget a new connection starts with. Unless configured, it leaves room for
     * the message rate plus typing, cursors and pings, so raising the message rate raises it too.
     */
    public InboundBudget newInboundBudget() {
        return new InboundBudget(
                framesPerSecond.orElse(Math.max(50, 3 * messagesPerSecond)),
                framesBurst.orElse(Math.max(200, 3 * messageBurst)),
                System.nanoTime());
    }

    /**
     * Opens a connection: registers it (holding live frames), sends welcome and history, then lets
     * the held frames through minus those the history already had. False if the room refuses it.
     */
    public boolean open(Connection connection, Long since, Long rev) {
        Room room = rooms.enter(connection.room(), connection.identity().id());
        String refusal = room.refusal(connection.identity().groups());
        if (refusal == null) {
            refusal = bans.refusal(connection.room(), connection.identity().id());
        }
        if (refusal != null) {
            connection.outbox().close(POLICY_VIOLATION, refusal);
            return false;
        }
        connection.outbox().whenBroken(() -> close(connection));
        connection.outbox().whenTooSlow(slowCloses::increment);
        if (!registry.add(connection, maxConnectionsPerUser)) {
            hoardCloses.increment();
            connection
                    .outbox()
                    .close(POLICY_VIOLATION, "too many connections: at most " + maxConnectionsPerUser + " per user");
            return false;
        }
        opened.increment();
        ChatUser user = connection.identity().user();
        if (presence.connect(connection.room(), user)) {
            fanout.publish(
                    new RoomBroadcast(connection.room(), FrameCodec.write(new Frames.Join(user)), 0, connection.id()));
        }
        MessagePage history = since == null
                ? store.latest(connection.room(), HISTORY_ON_CONNECT)
                : store.since(connection.room(), since, HISTORY_ON_RESUME);
        long lastInHistory = history.messages().isEmpty()
                ? (since == null ? 0 : since)
                : history.messages().get(history.messages().size() - 1).seq();
        long lastSeq = Math.max(room.lastSeq(), lastInHistory);
        List<ChatUser> present = presence.users(connection.room());
        long covered = history.hasMore() ? Long.MAX_VALUE : lastInHistory;
        Optional<StreamingReplies.Streaming> streamingNow = streamingReplies.isResolvable()
                ? streamingReplies.get().streamingIn(connection.room())
                : Optional.empty();
        List<MessageView> messages = streamingNow
                .map(now -> withStreamingBody(history.messages(), now))
                .orElse(history.messages());
        List<OutboundFrame> first = new java.util.ArrayList<>(3);
        first.add(frame(new Frames.Welcome(
                user, connection.room(), present, lastSeq, room.lastRev(), reading.lastRead(connection))));
        first.add(frame(new Frames.History(messages, history.hasMore())));
        if (since != null && rev != null) {
            // what changed in the messages the client already has: edits and deletions while it was away
            MessageStore.ChangePage changed = store.changes(connection.room(), since, rev, HISTORY_ON_RESUME);
            first.add(frame(new Frames.Changes(changed.messages(), changed.hasMore(), changed.lastRev())));
        }
        connection
                .outbox()
                .open(
                        first,
                        covered,
                        streamingNow.map(StreamingReplies.Streaming::deltas).orElse(0L));
        return true;
    }

    /** Handles one text frame from the client. */
    public void receive(Connection connection, String text) {
        ClientFrame frame;
        try {
            frame = FrameCodec.read(text);
        } catch (FrameCodec.MalformedFrameException e) {
            if (withinBudget(connection, null)) {
                error(connection, ErrorCode.BAD_REQUEST, e.getMessage(), e.id());
            }
            return;
        }
        if (!withinBudget(connection, frame)) {
            return;
        }
        BiConsumer<Connection, ClientFrame> handler = frame.type() == null ? null : handlers.get(frame.type());
        if (handler == null) {
            error(connection, ErrorCode.BAD_REQUEST, "unknown frame type", frame.id());
            return;
        }
        handler.accept(connection, frame);
    }

    /**
     * Spends one frame of the connection's budget. Over it, the frame is dropped (a message gets
     * its one answer, rate_limited); far over it, the connection is closed.
     */
    private boolean withinBudget(Connection connection, ClientFrame frame) {
        switch (connection.takeInbound(System.nanoTime())) {
            case ACCEPT:
                return true;
            case REFUSE:
                rateLimited.increment();
                if (frame != null && "message".equals(frame.type())) {
                    error(connection, ErrorCode.RATE_LIMITED, "too many frames; slow down", frame.id());
                }
                return false;
            default:
                floodCloses.increment();
                connection.outbox().close(POLICY_VIOLATION, "too many frames: flooding is not allowed");
                return false;
        }
    }

    /** Forgets a connection that closed (or broke); a second call for the same one does nothing. */
    public void close(Connection connection) {
        if (!registry.remove(connection)) {
            return;
        }
        ChatUser user = connection.identity().user();
        if (presence.disconnect(connection.room(), user)) {
            fanout.publish(RoomBroadcast.toAll(connection.room(), FrameCodec.write(new Frames.Leave(user))));
        }
    }

    /**
     * Pings every connection. The container does not always report a peer that vanished (an abrupt
     * disconnect while the connection was opening is lost inside Tyrus on Payara Micro 6); the
     * failed ping finds it, and it is closed and leaves the room's presence.
     */
    private void heartbeat() {
        registry.forEach(
                connection -> { // the registry's sets are concurrent: closing while iterating is fine
                    try {
                        connection.outbox().ping();
                    } catch (RuntimeException e) {
                        close(connection);
                    }
                });
    }

    private void onMessage(Connection connection, ClientFrame frame) {
        received.increment();
        Optional<MessageRules.Violation> violation = rules.check(frame.id(), frame.body());
        if (violation.isPresent()) {
            error(connection, violation.get().code(), violation.get().message(), frame.id());
            return;
        }
        if (frame.replyTo() != null && !MessageRules.isId(frame.replyTo())) {
            error(connection, ErrorCode.BAD_REQUEST, "replyTo must be the id of a message, a UUID", frame.id());
            return;
        }
        if (!rateLimits.tryAcquire(connection.identity().id())) {
            rateLimited.increment();
            error(connection, ErrorCode.RATE_LIMITED, "too many messages; slow down", frame.id());
            return;
        }
        lanes.submit(new Submission(
                connection,
                frame.id(),
                new NewMessage(
                        connection.room(),
                        connection.identity().user(),
                        MessageRules.normalizeId(frame.id()),
                        frame.body(),
                        frame.replyTo() == null ? null : MessageRules.normalizeId(frame.replyTo())),
                System.nanoTime()));
    }

    private void onTyping(Connection connection, ClientFrame frame) {
        if (frame.typing() == null) {
            error(connection, ErrorCode.BAD_REQUEST, "typing needs a boolean typing field", null);
            return;
        }
        if (!connection.typingDue(frame.typing(), System.nanoTime(), typingInterval.toNanos())) {
            return;
        }
        fanout.publish(new RoomBroadcast(
                connection.room(),
                FrameCodec.write(new Frames.Typing(connection.identity().user(), frame.typing())),
                0,
                connection.id()));
    }

    private void onCursor(Connection connection, ClientFrame frame) {
        if (!inUnitRange(frame.x()) || !inUnitRange(frame.y())) {
            error(connection, ErrorCode.BAD_REQUEST, "cursor needs x and y between 0 and 1", null);
            return;
        }
        if (!connection.cursorDue(System.nanoTime(), cursorInterval.toNanos())) {
            return;
        }
        fanout.publish(new RoomBroadcast(
                connection.room(),
                FrameCodec.write(new Frames.Cursor(connection.identity().user(), frame.x(), frame.y())),
                0,
                connection.id()));
    }

    private void onStop(Connection connection, ClientFrame frame) {
        // the reply may stream on another node: every node hears it, the one that streams stops
        fanout.signal(new RoomSignal(connection.room(), RoomSignal.Kind.STOP_ASSISTANT));
    }

    /**
     * The reply streaming now shows its body so far, and is in the history even when the client
     * resumes from a later seq: it has missed deltas. The deltas after the snapshot follow live.
     */
    static List<MessageView> withStreamingBody(List<MessageView> messages, StreamingReplies.Streaming now) {
        MessageView soFar = now.soFar();
        List<MessageView> merged = new java.util.ArrayList<>(messages.size() + 1);
        boolean placed = false;
        for (MessageView message : messages) {
            if (!placed && message.seq() >= soFar.seq()) {
                merged.add(soFar);
                placed = true;
                if (message.id().equals(soFar.id())) {
                    continue;
                }
            }
            merged.add(message);
        }
        if (!placed) {
            merged.add(soFar);
        }
        return merged;
    }

    /**
     * Closes the connections whose token has expired, once a second. One sweep for all of them
     * instead of a task per connection: a managed scheduler captures the whole EE context with
     * every task, which cost each opening connection CPU and each idle one memory.
     */
    private void closeExpired() {
        Instant now = Instant.now();
        registry.forEach(connection -> {
            if (connection.expiresNow(now) && !connection.outbox().isClosed()) {
                error(
                        connection,
                        ErrorCode.TOKEN_EXPIRED,
                        "your token expired; renew it and reconnect with since",
                        null);
                connection.outbox().closeAfterPending(POLICY_VIOLATION, "token expired");
            }
        });
    }

    private static boolean inUnitRange(Double value) {
        return value != null && value >= 0 && value <= 1;
    }

    private void error(Connection connection, ErrorCode code, String message, String id) {
        refused.get(code).increment();
        connection.send(frame(new Frames.Error(code, message, id)));
    }

    private static OutboundFrame frame(Object frame) {
        return OutboundFrame.of(FrameCodec.write(frame));
    }
}
