package dev.parley.chat.room.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user an administrator removed from a room: kept out until {@code until}. */
@Entity
@Table(name = "chat_room_ban")
@IdClass(RoomUserKey.class)
public class RoomBan {

    @Id
    @Column(length = 64)
    private String room;

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(name = "user_name")
    private String userName;

    @Column(name = "until_at", nullable = false)
    private Instant until;

    @Column(length = 500)
    private String reason;

    @Column(name = "banned_by", nullable = false)
    private String bannedBy;

    protected RoomBan() {}

    public RoomBan(String room, String userId, String userName, Instant until, String reason, String bannedBy) {
        this.room = room;
        this.userId = userId;
        this.userName = userName;
        this.until = until;
        this.reason = reason;
        this.bannedBy = bannedBy;
    }

    public boolean activeAt(Instant now) {
        return until.isAfter(now);
    }

    /** What the removed user is told, on the close frame and when they try to come back. */
    public String refusal() {
        return "removed from this room by an administrator until " + until
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }

    public void extend(String userName, Instant until, String reason, String bannedBy) {
        this.userName = userName;
        this.until = until;
        this.reason = reason;
        this.bannedBy = bannedBy;
    }

    public String room() {
        return room;
    }

    public String userId() {
        return userId;
    }

    public String userName() {
        return userName;
    }

    public Instant until() {
        return until;
    }

    public String reason() {
        return reason;
    }

    public String bannedBy() {
        return bannedBy;
    }
}
