package dev.parley.chat.assistant.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a message calls the assistant, and which of a room's AI participants it calls. */
public final class Mentions {

    private static final Pattern ANY = Pattern.compile("(?:^|[^\\w@])@([A-Za-z][\\w-]{0,31})");

    private Mentions() {}

    public static boolean mentionsAssistant(String body) {
        return !named(body, List.of("assistant")).isEmpty();
    }

    /** The names among {@code names} (lower case) that the body mentions, each once, in the order they first appear. */
    public static List<String> named(String body, Collection<String> names) {
        List<String> called = new ArrayList<>();
        if (body == null || names.isEmpty() || body.indexOf('@') < 0) {
            return called; // most messages: no regex over the body
        }
        Matcher matcher = ANY.matcher(body);
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            if (names.contains(name) && !called.contains(name)) {
                called.add(name);
            }
        }
        return called;
    }
}
