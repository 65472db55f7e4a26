package dev.parley.chat.assistant.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.room.entity.AssistantMode;
import dev.parley.chat.room.entity.ParticipantView;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressedTest {

    private static final Map<String, ParticipantView> CREW = Map.of(
            "reviewer", new ParticipantView("reviewer", "second", "model-b", "strict"),
            "translator", new ParticipantView("translator", "default", "model-a", null));

    private static String calls(String body, AssistantMode mode) {
        return Addressed.speakers(body, mode, "model-a", "pirate", CREW).stream()
                .map(s -> s.user().id() + "@" + s.provider() + "/" + s.model())
                .toList()
                .toString();
    }

    @Test
    void eachMentionedAiInTheOrderNamedWithItsOwnProviderAndModel() {
        assertThat(calls("@translator then @assistant and @reviewer", AssistantMode.MENTION))
                .isEqualTo(
                        "[assistant:translator@default/model-a, assistant@default/model-a, assistant:reviewer@second/model-b]");
        assertThat(calls("no one", AssistantMode.MENTION)).isEqualTo("[]");
    }

    @Test
    void anAlwaysRoomsAssistantComesFirstOnceAndAnOffRoomCallsNoOne() {
        assertThat(calls("@reviewer look", AssistantMode.ALWAYS))
                .isEqualTo("[assistant@default/model-a, assistant:reviewer@second/model-b]");
        assertThat(calls("@reviewer and @assistant", AssistantMode.ALWAYS))
                .isEqualTo("[assistant:reviewer@second/model-b, assistant@default/model-a]");
        assertThat(calls("@reviewer @assistant", AssistantMode.OFF)).isEqualTo("[]");
    }

    @Test
    void theAssistantsPersonaIsTheRoomsAndAParticipantKeepsItsOwn() {
        assertThat(Addressed.speakers("@assistant @reviewer", AssistantMode.MENTION, "m", "pirate", CREW))
                .extracting(Speaker::persona)
                .containsExactly("pirate", "strict");
    }
}
