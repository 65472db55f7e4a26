package dev.parley.chat.assistant.control;

import dev.parley.chat.room.entity.AssistantMode;
import dev.parley.chat.room.entity.ParticipantView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which AIs a message calls: each one it mentions (the assistant or a room's participant), in the
 * order named; in a room whose assistant answers everything, the assistant first; none in a room
 * whose AI is off.
 */
public final class Addressed {

    private Addressed() {}

    public static List<Speaker> speakers(
            String body,
            AssistantMode mode,
            String assistantModel,
            String assistantPersona,
            Map<String, ParticipantView> participants) {
        List<Speaker> called = new ArrayList<>();
        if (mode == AssistantMode.OFF) {
            return called;
        }
        Set<String> callable = new HashSet<>(participants.keySet());
        callable.add(Speaker.ASSISTANT_ID);
        List<String> named = Mentions.named(body, callable);
        if (mode == AssistantMode.ALWAYS && !named.contains(Speaker.ASSISTANT_ID)) {
            called.add(Speaker.assistant(assistantModel, assistantPersona));
        }
        for (String name : named) {
            called.add(
                    name.equals(Speaker.ASSISTANT_ID)
                            ? Speaker.assistant(assistantModel, assistantPersona)
                            : Speaker.of(participants.get(name)));
        }
        return called;
    }
}
