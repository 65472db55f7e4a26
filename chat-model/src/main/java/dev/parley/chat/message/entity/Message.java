package dev.parley.chat.message.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A stored message. Keyed by (room, seq) so that paging and resume are range scans of the
 * primary key; {@code id} (the client's UUID for user messages) is unique within its room.
 */
@Entity
@Table(name = "chat_message")
@IdClass(MessageKey.class)
public class Message {

    public static final int MAX_BODY = 1_000_000;

    @Id
    @Column(length = 64)
    private String room;

    @Id
    private long seq;

    @Column(length = 36, nullable = false)
    private String id;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "user_name", nullable = false)
    private String userName;

    @Enumerated(EnumType.STRING)
    @Column(length = 16, nullable = false)
    private Role role;

    @Column(length = MAX_BODY, nullable = false)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(length = 16, nullable = false)
    private Status status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The room's change counter when this message last changed after it was stored; 0 if never. */
    @Column(nullable = false)
    private long rev;

    @Column(name = "edited_at")
    private Instant editedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    /** The id of the message of the same room this one answers, if any. */
    @Column(name = "reply_to_id", length = 36)
    private String replyToId;

    protected Message() {}

    public Message(
            String room,
            long seq,
            String id,
            String userId,
            String userName,
            Role role,
            String body,
            Status status,
            Instant createdAt) {
        this.room = room;
        this.seq = seq;
        this.id = id;
        this.userId = userId;
        this.userName = userName;
        this.role = role;
        this.body = body;
        this.status = status;
        this.createdAt = createdAt;
    }

    public void finish(String body, Status status) {
        this.body = body;
        this.status = status;
    }

    /** A new body from its author (or an admin). */
    public void edit(String body, Instant at, long rev) {
        this.body = body;
        this.editedAt = at;
        this.rev = rev;
    }

    /** Deleted by its author (or an admin): a tombstone, its body gone from the database. */
    public void delete(Instant at, long rev) {
        this.body = "";
        this.deletedAt = at;
        this.rev = rev;
    }

    /** Changed through something beside its body (a reaction): only its rev moves. */
    public void touch(long rev) {
        this.rev = rev;
    }

    public void replyTo(String originalId) {
        this.replyToId = originalId;
    }

    public String replyToId() {
        return replyToId;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public long rev() {
        return rev;
    }

    public Instant editedAt() {
        return editedAt;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public String room() {
        return room;
    }

    public long seq() {
        return seq;
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public String userName() {
        return userName;
    }

    public Role role() {
        return role;
    }

    public String body() {
        return body;
    }

    public Status status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
