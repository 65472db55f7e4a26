package dev.parley.chat.assistant.control;

import dev.parley.chat.assistant.entity.CompletionRequest.Turn;
import dev.parley.chat.message.entity.MessageView;
import java.util.ArrayList;
import java.util.List;

/**
 * The context sent upstream: a system prompt (the room's persona, if any), then the room's recent
 * messages with each speaker's name, oldest first, trimmed to a token budget from the oldest.
 */
public final class Conversation {

    private Conversation() {}

    public static List<Turn> build(String room, String persona, List<MessageView> recent, int maxTokens) {
        return build(room, Speaker.ASSISTANT_ID, null, persona, recent, maxTokens);
    }

    /**
     * The context for one AI speaker: its own earlier messages are its turns; the other AI
     * participants' messages read like people's, with their names.
     */
    public static List<Turn> build(
            String room,
            String speakerId,
            String participantName,
            String persona,
            List<MessageView> recent,
            int maxTokens) {
        List<Turn> turns = new ArrayList<>();
        for (MessageView message : recent) {
            if (message.deletedAt() != null) {
                continue; // its author took it back
            }
            switch (message.role()) {
                case "user" -> turns.add(new Turn("user", message.user().name() + ": " + message.body()));
                case "assistant" -> {
                    if (message.body().isBlank()) {
                        continue;
                    }
                    turns.add(
                            speakerId.equals(message.user().id())
                                    ? new Turn("assistant", message.body())
                                    : new Turn("user", message.user().name() + ": " + message.body()));
                }
                default -> {}
            }
        }
        List<Integer> sizes = new ArrayList<>(
                turns.stream().map(t -> TokenCounter.count(t.content())).toList());
        int total = sizes.stream().mapToInt(Integer::intValue).sum();
        while (turns.size() > 1 && total > maxTokens) {
            turns.remove(0);
            total -= sizes.remove(0);
        }
        List<Turn> request = new ArrayList<>();
        request.add(new Turn("system", systemPrompt(room, participantName, persona)));
        request.addAll(turns);
        return request;
    }

    /** Tokens of a request's messages, for a provider that reports no usage. */
    public static long promptTokens(List<Turn> request) {
        return request.stream()
                .mapToLong(turn -> TokenCounter.count(turn.content()) + 4)
                .sum();
    }

    static String systemPrompt(String room, String participantName, String persona) {
        String who =
                participantName == null ? "the assistant" : "@" + participantName + ", one of the AI participants,";
        String base = "You are " + who + " in the group chat room \"" + room + "\". Several people talk here; "
                + "each of their messages starts with the speaker's name and a colon. Answer the room helpfully and "
                + "concisely, addressing people by name when it helps.";
        return persona == null || persona.isBlank() ? base : base + "\n\n" + persona;
    }
}
