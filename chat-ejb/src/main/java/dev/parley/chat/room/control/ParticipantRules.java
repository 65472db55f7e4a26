package dev.parley.chat.room.control;

import dev.parley.chat.provider.control.LlmProvider;
import dev.parley.chat.room.entity.ParticipantView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a room's list of AI participants must be: at most {@value #MAX} of them, each with a name
 * of its own ({@code @name}, not {@code assistant}), a configured provider and one of its models
 * (its first when none is given), a persona of at most {@value #PERSONA_MAX} characters.
 */
public final class ParticipantRules {

    public static final int MAX = 10;
    public static final int PERSONA_MAX = 8000;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{1,31}");

    private ParticipantRules() {}

    /** The list as it will be stored, or IllegalArgumentException naming the first thing wrong with it. */
    public static List<ParticipantView> validated(
            List<ParticipantView> requested, Function<String, Optional<LlmProvider>> providers) {
        if (requested.size() > MAX) {
            throw new IllegalArgumentException("a room has at most " + MAX + " AI participants");
        }
        Set<String> names = new HashSet<>();
        List<ParticipantView> valid = new ArrayList<>();
        for (ParticipantView participant : requested) {
            if (participant == null
                    || participant.name() == null
                    || !NAME.matcher(participant.name()).matches()) {
                throw new IllegalArgumentException(
                        "participant names match ^[a-z][a-z0-9_-]{1,31}$ (mentioned as @name)");
            }
            String name = participant.name();
            if (name.equals("assistant") || !names.add(name)) {
                throw new IllegalArgumentException("participant name '" + name + "' is taken");
            }
            LlmProvider provider = providers
                    .apply(participant.provider())
                    .orElseThrow(() -> new IllegalArgumentException("participant '" + name + "': no provider '"
                            + participant.provider() + "' is configured (GET /api/assistant/providers lists them)"));
            String model = participant.model() == null || participant.model().isBlank()
                    ? provider.models().get(0)
                    : participant.model();
            if (!provider.offers(model)) {
                throw new IllegalArgumentException("participant '" + name + "': provider '" + provider.name()
                        + "' offers the models " + provider.models() + ", not '" + model + "'");
            }
            String persona =
                    participant.persona() == null || participant.persona().isBlank() ? null : participant.persona();
            if (persona != null && persona.length() > PERSONA_MAX) {
                throw new IllegalArgumentException(
                        "participant '" + name + "': persona is at most " + PERSONA_MAX + " characters");
            }
            valid.add(new ParticipantView(name, provider.name(), model, persona));
        }
        return valid;
    }
}
