package dev.parley.chat.room.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * A named AI participant of a room besides the assistant (e.g. {@code @reviewer}): which of the
 * server's providers and models answers as it, and its persona.
 */
@Entity
@Table(name = "chat_ai_participant")
@IdClass(AiParticipant.Key.class)
public class AiParticipant {

    @Id
    @Column(length = 64)
    private String room;

    @Id
    @Column(length = 32)
    private String name;

    @Column(length = 64, nullable = false)
    private String provider;

    @Column(length = 200, nullable = false)
    private String model;

    @Column(length = 8000)
    private String persona;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AiParticipant() {}

    public AiParticipant(String room, ParticipantView view, Instant createdAt) {
        this.room = room;
        this.name = view.name();
        this.provider = view.provider();
        this.model = view.model();
        this.persona = view.persona();
        this.createdAt = createdAt;
    }

    public ParticipantView view() {
        return new ParticipantView(name, provider, model, persona);
    }

    /** The primary key: a name is unique within its room. */
    public record Key(String room, String name) implements Serializable {}
}
