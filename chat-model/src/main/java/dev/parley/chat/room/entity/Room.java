package dev.parley.chat.room.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A room and its settings. {@code lastSeq} is the per-room message counter; it is only ever
 * advanced under a row lock so that several nodes writing to one room never hand out a seq twice.
 */
@Entity
@Table(name = "chat_room")
public class Room {

    @Id
    @Column(length = 64)
    private String name;

    @Column(length = 200)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(name = "assistant_mode", length = 16, nullable = false)
    private AssistantMode assistantMode = AssistantMode.MENTION;

    @Column(length = 8000)
    private String persona;

    /** Comma-separated; empty means everyone may enter. */
    @Column(name = "allowed_groups", length = 2000)
    private String allowedGroups;

    @Column(name = "creator_id")
    private String creatorId;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The room's change counter: edits and deletions of stored messages (the change feed). */
    @Column(name = "last_rev", nullable = false)
    private long lastRev;

    @Column(name = "last_activity_at")
    private Instant lastActivityAt;

    /** Set while an administrator keeps the room closed: only admins may enter. */
    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "closed_reason", length = 500)
    private String closedReason;

    protected Room() {}

    public Room(String name, String creatorId, Instant createdAt) {
        this.name = name;
        this.creatorId = creatorId;
        this.createdAt = createdAt;
    }

    /** Hands out the next seq; the caller holds the row lock. */
    public long nextSeq(Instant at) {
        lastActivityAt = at;
        return ++lastSeq;
    }

    /** Hands out the next change number; the caller holds the row lock. */
    public long nextRev() {
        return ++lastRev;
    }

    public long lastRev() {
        return lastRev;
    }

    public boolean admits(java.util.Set<String> groups) {
        List<String> allowed = allowedGroups();
        return allowed.isEmpty() || groups.contains("admin") || allowed.stream().anyMatch(groups::contains);
    }

    public List<String> allowedGroups() {
        if (allowedGroups == null || allowedGroups.isBlank()) {
            return List.of();
        }
        return Arrays.stream(allowedGroups.split(","))
                .map(String::trim)
                .filter(g -> !g.isEmpty())
                .toList();
    }

    public void allowedGroups(List<String> groups) {
        this.allowedGroups = groups == null ? null : String.join(",", groups);
    }

    /** Why {@code identity} may not enter, or null if they may (admins enter closed rooms). */
    public String refusal(java.util.Set<String> groups) {
        if (!admits(groups)) {
            return "forbidden: not allowed in this room";
        }
        if (closedAt != null && !groups.contains("admin")) {
            return "room closed by an administrator"
                    + (closedReason == null || closedReason.isBlank() ? "" : ": " + closedReason);
        }
        return null;
    }

    public void close(Instant at, String reason) {
        this.closedAt = at;
        this.closedReason = reason;
    }

    public void reopen() {
        this.closedAt = null;
        this.closedReason = null;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public String closedReason() {
        return closedReason;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title == null ? name : title;
    }

    public void title(String title) {
        this.title = title;
    }

    public AssistantMode assistantMode() {
        return assistantMode;
    }

    public void assistantMode(AssistantMode mode) {
        this.assistantMode = mode;
    }

    public String persona() {
        return persona;
    }

    public void persona(String persona) {
        this.persona = persona;
    }

    public String creatorId() {
        return creatorId;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastActivityAt() {
        return lastActivityAt;
    }
}
