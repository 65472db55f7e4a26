package dev.parley.chat.message.entity;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of {@link Message}: the room and the seq within it. */
public class MessageKey implements Serializable {

    private String room;
    private long seq;

    public MessageKey() {}

    public MessageKey(String room, long seq) {
        this.room = room;
        this.seq = seq;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageKey key && key.seq == seq && Objects.equals(key.room, room);
    }

    @Override
    public int hashCode() {
        return Objects.hash(room, seq);
    }
}
