package dev.parley.chat.assistant.control;

import dev.parley.chat.assistant.entity.CompletionRequest.Turn;
import dev.parley.chat.message.entity.MessageView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request for a private catch-up: the messages someone missed, numbered by seq, and the
 * instruction to summarise them citing {@code [#seq]}; and the cited seqs found in the answer.
 */
public final class CatchUpPrompt {

    private static final Pattern CITATION = Pattern.compile("\\[#(\\d{1,18})]");

    private CatchUpPrompt() {}

    /** The request; the oldest messages are left out first when they exceed {@code maxTokens}. */
    public static List<Turn> build(String room, String readerName, List<MessageView> missed, int maxTokens) {
        List<String> lines = new ArrayList<>();
        for (MessageView message : missed) {
            lines.add("[#" + message.seq() + "] " + message.user().name() + ": " + message.body());
        }
        int total = lines.stream().mapToInt(TokenCounter::count).sum();
        while (lines.size() > 1 && total > maxTokens) {
            total -= TokenCounter.count(lines.remove(0));
        }
        String system = "You write a private catch-up for " + readerName + ", who was away from the group chat room \""
                + room + "\". Summarise what they missed in a few short bullet points: decisions, open questions, "
                + "and anything addressed to them. After each point cite the messages it draws on by their "
                + "numbers, exactly in the form [#12]. Only " + readerName + " reads this.";
        return List.of(new Turn("system", system), new Turn("user", String.join("\n", lines)));
    }

    /** The seqs the summary cites that are among the summarised messages, in order of first citation. */
    public static List<Long> sources(String summary, Set<Long> summarised) {
        Set<Long> cited = new LinkedHashSet<>();
        Matcher matcher = CITATION.matcher(summary);
        while (matcher.find()) {
            long seq = Long.parseLong(matcher.group(1));
            if (summarised.contains(seq)) {
                cited.add(seq);
            }
        }
        return List.copyOf(cited);
    }
}
