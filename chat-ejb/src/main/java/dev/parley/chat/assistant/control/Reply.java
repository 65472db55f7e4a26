package dev.parley.chat.assistant.control;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.message.entity.MessageView;
import dev.parley.chat.message.entity.Status;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** One assistant reply while it streams: its body so far, its deltas counted, how it ends (once). */
public final class Reply {

    private final MessageView message;
    private final ChatUser askedBy;
    private final Speaker speaker;
    private final long startedNanos = System.nanoTime();
    private final StringBuilder body = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean firstToken = new AtomicBoolean();
    private volatile Ending ending;
    private long deltas;
    private volatile boolean anyText;
    private volatile ChunkParser.Usage usage;
    private volatile long promptEstimate;
    private volatile Runnable cancel;
    private volatile Future<?> firstTokenTimer;
    private volatile Future<?> totalTimer;

    public Reply(MessageView message, ChatUser askedBy, Speaker speaker) {
        this.message = message;
        this.askedBy = askedBy;
        this.speaker = speaker;
    }

    public Speaker speaker() {
        return speaker;
    }

    /** Appends text and returns the delta's index; the caller publishes under this reply's lock. */
    public long append(String text) {
        anyText = true;
        body.append(text);
        return ++deltas;
    }

    /** The body so far and the index of the last delta in it, taken together. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(message, body.toString(), deltas);
    }

    public synchronized String body() {
        return body.toString();
    }

    /** Ends the reply with a status; true for the first caller only, who then has it finished and aborted. */
    public boolean end(Status status, String problem) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        ending = new Ending(status, problem);
        cancel(firstTokenTimer);
        cancel(totalTimer);
        return true;
    }

    /**
     * Aborts the upstream request so that no more tokens are produced for nobody. It may block
     * until the reading thread's current read returns, so it runs on a thread of its own.
     */
    public void abort() {
        Runnable abort = cancel;
        if (abort != null) {
            abort.run();
        }
    }

    public Ending ending() {
        return ending;
    }

    public boolean isEnded() {
        return ended.get();
    }

    /** How to abort the upstream request; run at once if the reply already ended. */
    public void onCancel(Runnable abort) {
        this.cancel = abort;
        if (ended.get()) {
            abort.run();
        }
    }

    public void timers(Future<?> firstToken, Future<?> total) {
        this.firstTokenTimer = firstToken;
        this.totalTimer = total;
    }

    /** Cancels the first-token timeout; true the first time only. */
    public boolean firstTokenArrived() {
        cancel(firstTokenTimer);
        return firstToken.compareAndSet(false, true);
    }

    public boolean anyText() {
        return anyText;
    }

    public void usage(ChunkParser.Usage usage) {
        this.usage = usage;
    }

    public void promptEstimate(long tokens) {
        this.promptEstimate = tokens;
    }

    public long promptEstimate() {
        return promptEstimate;
    }

    public ChunkParser.Usage usage() {
        return usage;
    }

    public MessageView message() {
        return message;
    }

    public ChatUser askedBy() {
        return askedBy;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** A streaming reply as a newcomer should see it. */
    public record Snapshot(MessageView message, String body, long deltas) {

        public String messageId() {
            return message.id();
        }

        /** The streaming message with its body so far. */
        public MessageView messageSoFar() {
            return new MessageView(
                    message.id(),
                    message.seq(),
                    message.room(),
                    message.user(),
                    message.role(),
                    body,
                    message.status(),
                    message.createdAt());
        }
    }

    /** How a reply ended, with the reason for the user when it failed. */
    public record Ending(Status status, String problem) {}
}
