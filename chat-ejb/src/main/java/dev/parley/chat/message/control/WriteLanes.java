package dev.parley.chat.message.control;

import dev.parley.chat.message.boundary.MessageStore;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.platform.boundary.Metrics;
import dev.parley.chat.protocol.control.FrameCodec;
import dev.parley.chat.protocol.entity.ErrorCode;
import dev.parley.chat.protocol.entity.Frames;
import dev.parley.chat.room.entity.RoomBroadcast;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The write path of user messages. Each room belongs to one lane; a lane drains its queue in
 * batches, one transaction per batch, so under load many messages share one commit while each is
 * still stored before it is acked or broadcast. Lanes keep a room's messages in seq order, and
 * each lane is one thread of the container's managed thread factory. One lane is the default: its
 * batches are the largest, and commits, not the rest of the lane's work, are what costs most.
 */
@ApplicationScoped
public class WriteLanes {

    private static final Logger LOG = Logger.getLogger(WriteLanes.class.getName());

    @EJB
    MessageStore store;

    @Inject
    RoomBroadcasts fanout;

    @Inject
    Event<StoredMessage> stored;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Metrics metrics;

    @Inject
    @ConfigProperty(name = "chat.store.lanes", defaultValue = "1")
    int laneCount;

    @Inject
    @ConfigProperty(name = "chat.store.batch", defaultValue = "256")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "chat.store.recent.ids", defaultValue = "20000")
    int recentIdCount;

    private RecentIds recent;
    private Lane[] lanes;
    private Thread[] laneThreads;
    private Counter storedCount;
    private Counter storeFailures;
    private Timer storeTime;
    private DistributionSummary batchSizes;
    private Timer ackLatency;
    private Timer deliveryLatency;

    /** Created at deployment, so that its meters are on /metrics from the start. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object ready) {
        // creating the bean is the point
    }

    @PostConstruct
    void startLanes() {
        registerMeters();
        recent = new RecentIds(Math.max(1, recentIdCount));
        lanes = new Lane[Math.max(1, laneCount)];
        laneThreads = new Thread[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
            laneThreads[i] = threads.newThread(lanes[i]);
            laneThreads[i].setName("parley-write-lane-" + i);
            laneThreads[i].setDaemon(true);
            laneThreads[i].start();
        }
    }

    private void registerMeters() {
        storedCount = metrics.counter("parley.messages.stored", "User messages stored (each before its ack)");
        storeFailures = metrics.counter(
                "parley.frames.refused",
                "Client frames answered with an error frame, by its code",
                "code",
                ErrorCode.STORE_FAILED.wireName());
        storeTime = metrics.latency("parley.store.duration", "One write-lane transaction (a batch of messages)");
        batchSizes = metrics.summary(
                "parley.store.batch.size", "Messages per write-lane transaction", 1, 2, 5, 10, 25, 50, 100, 256);
        ackLatency = metrics.latency("parley.ack.latency", "From a message frame's arrival to its ack (stored)");
        deliveryLatency = metrics.latencyWithPercentiles(
                "parley.delivery.latency",
                "From a message frame's arrival to its hand-off to this node's receivers (or to Redis)");
        Gauge.builder("parley.store.backlog", this, WriteLanes::backlog)
                .description("Messages waiting to be stored")
                .strongReference(true)
                .register(metrics.registry());
    }

    @PreDestroy
    void stopLanes() {
        for (int i = 0; i < lanes.length; i++) {
            lanes[i].stop();
            laneThreads[i].interrupt();
        }
    }

    /** Messages waiting to be stored, over all lanes. */
    public int backlog() {
        int waiting = 0;
        for (Lane lane : lanes) {
            waiting += lane.queue.size();
        }
        return waiting;
    }

    public int laneCount() {
        return lanes.length;
    }

    public int runningLanes() {
        int running = 0;
        for (Thread thread : laneThreads) {
            running += thread.isAlive() ? 1 : 0;
        }
        return running;
    }

    /** True while every lane's thread runs. */
    public boolean running() {
        return runningLanes() == lanes.length;
    }

    public void submit(Submission submission) {
        lanes[Math.floorMod(submission.message().room().hashCode(), lanes.length)].offer(submission);
    }

    private void write(List<Submission> submitted) {
        List<Submission> batch = new ArrayList<>(submitted.size());
        for (Submission submission : submitted) {
            if (recent.contains(
                    submission.message().room(), submission.message().id())) {
                writeAlone(submission); // a resend: looked up, not left to fail the batch
            } else {
                batch.add(submission);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<StoreOutcome> outcomes;
        long started = System.nanoTime();
        try {
            outcomes = store.store(batch.stream().map(Submission::message).toList());
            storeTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            batchSizes.record(batch.size());
        } catch (RuntimeException batchFailed) {
            if (!violatesUniqueness(batchFailed)) {
                // the database failed: one by one would only wait for it again, once per message
                LOG.log(Level.WARNING, "storing a batch of {0} failed: {1}", new Object[] {
                    batch.size(), batchFailed.toString()
                });
                batch.forEach(this::refuse);
                return;
            }
            LOG.log(Level.FINE, "a batch of {0} held an id stored before; storing one by one", batch.size());
            batch.forEach(this::writeAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            answerEach(batch.get(i), outcomes.get(i));
        }
    }

    /**
     * Answers one message of a stored batch. Whatever fails after its ack (an observer of the
     * stored message that needs the database as it dies) is logged, and never keeps the rest of
     * the batch from their answers.
     */
    private void answerEach(Submission submission, StoreOutcome outcome) {
        try {
            answer(submission, outcome);
        } catch (RuntimeException afterStoring) {
            LOG.log(Level.WARNING, "room {0}, message {1}: stored, but what follows failed: {2}", new Object[] {
                submission.message().room(), submission.message().id(), afterStoring.toString()
            });
        }
    }

    private void writeAlone(Submission submission) {
        StoreOutcome outcome;
        try {
            outcome = store.storeChecked(submission.message());
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "room {0}, message {1}: storing failed: {2}", new Object[] {
                submission.message().room(), submission.message().id(), failed.toString()
            });
            refuse(submission);
            return;
        }
        answerEach(submission, outcome);
    }

    private void refuse(Submission submission) {
        storeFailures.increment();
        submission
                .origin()
                .reply(FrameCodec.write(new Frames.Error(
                        ErrorCode.STORE_FAILED,
                        "the message could not be stored; send it again with the same id",
                        submission.clientId())));
    }

    /** True when a unique constraint refused the batch (SQL state class 23), not the database failing. */
    static boolean violatesUniqueness(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private void answer(Submission submission, StoreOutcome outcome) {
        String clientId = submission.clientId();
        switch (outcome.kind()) {
            case STORED -> {
                MessageView message = outcome.message();
                recent.add(message.room(), message.id());
                storedCount.increment();
                submission.origin().reply(FrameCodec.write(new Frames.Ack(clientId, message.seq())));
                ackLatency.record(System.nanoTime() - submission.receivedNanos(), TimeUnit.NANOSECONDS);
                fanout.publish(new RoomBroadcast(
                        message.room(),
                        FrameCodec.write(new Frames.MessageFrame(message)),
                        message.seq(),
                        submission.origin().id()));
                deliveryLatency.record(System.nanoTime() - submission.receivedNanos(), TimeUnit.NANOSECONDS);
                stored.fire(new StoredMessage(message, submission.origin().identity()));
            }
            case RETRY -> submission.origin().reply(FrameCodec.write(new Frames.Ack(clientId, outcome.seq())));
            case ID_TAKEN ->
                submission
                        .origin()
                        .reply(FrameCodec.write(new Frames.Error(
                                ErrorCode.BAD_REQUEST,
                                "this id is already used in this room by another user",
                                clientId)));
            case NO_SUCH_ORIGINAL ->
                submission
                        .origin()
                        .reply(FrameCodec.write(new Frames.Error(
                                ErrorCode.BAD_REQUEST, "replyTo names no message of this room", clientId)));
        }
    }

    private final class Lane implements Runnable {

        private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
        private volatile boolean running = true;

        void offer(Submission submission) {
            queue.add(submission);
        }

        @Override
        public void run() {
            List<Submission> batch = new ArrayList<>(maxBatch);
            while (running) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException stopping) {
                    return;
                }
                queue.drainTo(batch, maxBatch - 1);
                try {
                    write(batch);
                } catch (RuntimeException unexpected) {
                    LOG.log(Level.SEVERE, "the write lane failed on a batch", unexpected);
                }
                batch.clear();
            }
        }

        void stop() {
            running = false;
        }
    }
}
