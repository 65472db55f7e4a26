package dev.parley.chat.message.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One user's emoji on one message. */
@Entity
@Table(name = "chat_reaction")
@IdClass(Reaction.Key.class)
public class Reaction {

    @Id
    @Column(length = 64)
    private String room;

    @Id
    @Column(name = "message_id", length = 36)
    private String messageId;

    @Id
    @Column(length = 64)
    private String emoji;

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(name = "user_name", nullable = false)
    private String userName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Reaction() {}

    public Reaction(String room, String messageId, String emoji, String userId, String userName, Instant createdAt) {
        this.room = room;
        this.messageId = messageId;
        this.emoji = emoji;
        this.userId = userId;
        this.userName = userName;
        this.createdAt = createdAt;
    }

    public String messageId() {
        return messageId;
    }

    public String emoji() {
        return emoji;
    }

    public String userId() {
        return userId;
    }

    public String userName() {
        return userName;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String room;
        private String messageId;
        private String emoji;
        private String userId;

        public Key() {}

        public Key(String room, String messageId, String emoji, String userId) {
            this.room = room;
            this.messageId = messageId;
            this.emoji = emoji;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && room.equals(key.room)
                    && messageId.equals(key.messageId)
                    && emoji.equals(key.emoji)
                    && userId.equals(key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(room, messageId, emoji, userId);
        }
    }
}
