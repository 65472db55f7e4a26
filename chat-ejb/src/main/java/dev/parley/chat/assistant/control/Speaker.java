package dev.parley.chat.assistant.control;

import dev.parley.chat.identity.entity.ChatUser;
import dev.parley.chat.provider.control.LlmProviders;
import dev.parley.chat.room.entity.ParticipantView;

/**
 * Who answers a turn: the assistant, or one of the room's named AI participants, with the
 * provider, model and persona it answers with.
 */
public record Speaker(ChatUser user, String participant, String provider, String model, String persona) {

    public static final String ASSISTANT_ID = "assistant";
    public static final ChatUser ASSISTANT = new ChatUser(ASSISTANT_ID, "Assistant");

    public static Speaker assistant(String model, String persona) {
        return new Speaker(ASSISTANT, null, LlmProviders.DEFAULT, model, persona);
    }

    public static Speaker of(ParticipantView participant) {
        return new Speaker(
                new ChatUser(participant.userId(), participant.name()),
                participant.name(),
                participant.provider(),
                participant.model(),
                participant.persona());
    }

    /** The name usage is tallied under. */
    public String usageName() {
        return participant == null ? ASSISTANT_ID : participant;
    }
}
