package dev.parley.chat.room.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** How far one user has read one room: every message up to {@code lastReadSeq}. */
@Entity
@Table(name = "chat_read_marker")
@IdClass(RoomUserKey.class)
public class ReadMarker {

    @Id
    @Column(length = 64)
    private String room;

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(name = "last_read_seq", nullable = false)
    private long lastReadSeq;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ReadMarker() {}

    public ReadMarker(String room, String userId, long lastReadSeq, Instant updatedAt) {
        this.room = room;
        this.userId = userId;
        this.lastReadSeq = lastReadSeq;
        this.updatedAt = updatedAt;
    }

    /** Moves the marker forward only: a stale device cannot unread what another one read. */
    public boolean advance(long seq, Instant at) {
        if (seq <= lastReadSeq) {
            return false;
        }
        lastReadSeq = seq;
        updatedAt = at;
        return true;
    }

    public long lastReadSeq() {
        return lastReadSeq;
    }
}
