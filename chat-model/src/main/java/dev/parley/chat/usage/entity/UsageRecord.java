package dev.parley.chat.usage.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One assistant reply's cost: stored with the reply's final message, in the same transaction. */
@Entity
@Table(name = "chat_usage")
public class UsageRecord {

    @Id
    @Column(length = 36)
    private String id;

    @Column(length = 64, nullable = false)
    private String room;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "user_name", nullable = false)
    private String userName;

    @Column(length = 200, nullable = false)
    private String model;

    /** Which AI answered: {@code assistant}, a room's participant, or {@code catch-up}. */
    @Column(length = 64)
    private String participant;

    @Column(name = "prompt_tokens", nullable = false)
    private long promptTokens;

    @Column(name = "completion_tokens", nullable = false)
    private long completionTokens;

    @Column(name = "total_tokens", nullable = false)
    private long totalTokens;

    /** True when the provider sent no usage numbers and they were counted here. */
    @Column(nullable = false)
    private boolean estimated;

    @Column(name = "latency_ms", nullable = false)
    private long latencyMs;

    @Column(length = 16, nullable = false)
    private String outcome;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UsageRecord() {}

    public UsageRecord(
            String id,
            String room,
            String userId,
            String userName,
            String model,
            String participant,
            long promptTokens,
            long completionTokens,
            boolean estimated,
            long latencyMs,
            String outcome,
            Instant createdAt) {
        this.id = id;
        this.room = room;
        this.userId = userId;
        this.userName = userName;
        this.model = model;
        this.participant = participant;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
        this.totalTokens = promptTokens + completionTokens;
        this.estimated = estimated;
        this.latencyMs = latencyMs;
        this.outcome = outcome;
        this.createdAt = createdAt;
    }

    public String room() {
        return room;
    }

    public String userId() {
        return userId;
    }

    public long promptTokens() {
        return promptTokens;
    }

    public long completionTokens() {
        return completionTokens;
    }

    public boolean estimated() {
        return estimated;
    }

    public String outcome() {
        return outcome;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
