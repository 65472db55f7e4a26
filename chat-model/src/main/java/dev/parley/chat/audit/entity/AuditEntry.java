package dev.parley.chat.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One administrative action: who did what, when, to which room or user. Never changed or deleted. */
@Entity
@Table(name = "chat_audit")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(name = "actor_id", nullable = false)
    private String actorId;

    @Column(name = "actor_name", nullable = false)
    private String actorName;

    @Column(length = 40, nullable = false)
    private String action;

    @Column(length = 64)
    private String room;

    private String target;

    @Column(length = 2000)
    private String detail;

    protected AuditEntry() {}

    public AuditEntry(
            Instant at, String actorId, String actorName, String action, String room, String target, String detail) {
        this.at = at;
        this.actorId = actorId;
        this.actorName = actorName;
        this.action = action;
        this.room = room;
        this.target = target;
        this.detail = detail;
    }

    public AuditView view() {
        return new AuditView(id, at, new AuditView.Actor(actorId, actorName), action, room, target, detail);
    }
}
