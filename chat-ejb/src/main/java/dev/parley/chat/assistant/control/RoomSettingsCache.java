package dev.parley.chat.assistant.control;

import dev.parley.chat.room.entity.AssistantMode;
import dev.parley.chat.room.entity.ParticipantView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The room settings the assistant reads for every stored message (mode, persona, AI
 * participants), kept for a short time: a message burst reads the database once. A change on any
 * node forgets the room at once ({@link #forget}); the time limit covers a signal that was lost.
 */
public final class RoomSettingsCache {

    /** What the assistant needs of a room; a room that does not exist answers with mentions only. */
    public record Settings(AssistantMode mode, String persona, Map<String, ParticipantView> participants) {
        static final Settings DEFAULT = new Settings(AssistantMode.MENTION, null, Map.of());

        public Settings(AssistantMode mode, String persona, List<ParticipantView> participants) {
            this(mode, persona, byName(participants));
        }
    }

    private record Cached(Settings settings, long readAtNanos) {}

    private final Function<String, Optional<Settings>> reader;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Cached> byRoom = new ConcurrentHashMap<>();

    public RoomSettingsCache(Function<String, Optional<Settings>> reader, long ttlNanos, LongSupplier nanoClock) {
        this.reader = reader;
        this.ttlNanos = ttlNanos;
        this.nanoClock = nanoClock;
    }

    /** The room's settings, read again when older than the time limit; the reader's exceptions pass through. */
    public Settings of(String room) {
        long now = nanoClock.getAsLong();
        Cached cached = byRoom.get(room);
        if (cached != null && now - cached.readAtNanos() < ttlNanos) {
            return cached.settings();
        }
        Settings fresh = reader.apply(room).orElse(Settings.DEFAULT);
        byRoom.put(room, new Cached(fresh, now));
        return fresh;
    }

    public void forget(String room) {
        byRoom.remove(room);
    }

    private static Map<String, ParticipantView> byName(List<ParticipantView> participants) {
        Map<String, ParticipantView> byName = new java.util.LinkedHashMap<>();
        participants.forEach(participant -> byName.put(participant.name(), participant));
        return byName;
    }
}
