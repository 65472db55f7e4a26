package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.room.entity.AssistantMode;
import dev.parley.chat.room.entity.ParticipantView;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RoomSettingsCacheTest {

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile AssistantMode mode = AssistantMode.MENTION;

    private final RoomSettingsCache cache = new RoomSettingsCache(
            room -> {
                reads.incrementAndGet();
                return room.equals("gone")
                        ? Optional.empty()
                        : Optional.of(new RoomSettingsCache.Settings(
                                mode, "be brief", List.of(new ParticipantView("critic", "default", "m", null))));
            },
            1_000,
            clock::get);

    @Test
    void aBurstReadsTheRoomOnceAndALaterMessageReadsItAgain() {
        assertThat(cache.of("lobby").mode()).isEqualTo(AssistantMode.MENTION);
        mode = AssistantMode.ALWAYS;
        clock.set(999);
        assertThat(cache.of("lobby").mode()).isEqualTo(AssistantMode.MENTION);
        assertThat(reads).hasValue(1);

        clock.set(1_000);
        assertThat(cache.of("lobby").mode()).isEqualTo(AssistantMode.ALWAYS);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aChangeSignalForgetsTheRoomAtOnce() {
        cache.of("lobby");
        mode = AssistantMode.OFF;
        cache.forget("lobby");
        assertThat(cache.of("lobby").mode()).isEqualTo(AssistantMode.OFF);
        assertThat(cache.of("lobby").participants()).containsOnlyKeys("critic");
        assertThat(cache.of("lobby").persona()).isEqualTo("be brief");
    }

    @Test
    void aRoomThatDoesNotExistAnswersMentionsOnly() {
        RoomSettingsCache.Settings none = cache.of("gone");
        assertThat(none.mode()).isEqualTo(AssistantMode.MENTION);
        assertThat(none.participants()).isEmpty();
        assertThat(none.persona()).isNull();
    }
}
