package dev.parley.chat.room.entity;

/**
 * A room's AI participant as the room settings show it: mentioned as {@code @name}, answered by
 * {@code model} of the configured {@code provider}, speaking with {@code persona}.
 */
public record ParticipantView(String name, String provider, String model, String persona) {

    /** The id its messages carry as their author. */
    public String userId() {
        return "assistant:" + name;
    }
}
