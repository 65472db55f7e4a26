package dev.parley.chat.assistant.control;

import java.util.regex.Pattern;

/** Whether a message calls the assistant. */
public final class Mentions {

    private static final Pattern MENTION = Pattern.compile("(^|[^\\w@])@assistant\\b", Pattern.CASE_INSENSITIVE);

    private Mentions() {}

    public static boolean mentionsAssistant(String body) {
        return body != null && MENTION.matcher(body).find();
    }
}
