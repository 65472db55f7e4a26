package dev.parley.chat.audit.entity;

import java.time.Instant;

/** An audit entry on the wire: {@code GET /api/admin/audit}. */
public record AuditView(long id, Instant at, Actor actor, String action, String room, String target, String detail) {

    /** Who acted: a user (id and name) or the JMX console ({@code jmx}). */
    public record Actor(String id, String name) {}
}
