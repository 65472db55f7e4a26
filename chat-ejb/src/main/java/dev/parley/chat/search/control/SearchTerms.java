package dev.parley.chat.search.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a search query: runs of letters and digits, lower-cased. A message matches when
 * its body has every word, each as the start of a word on PostgreSQL (full-text prefix match) or
 * anywhere on the embedded database. Punctuation and operators are not syntax: nothing a user
 * types can change the query's shape.
 */
public final class SearchTerms {

    public static final int MAX_QUERY = 200;
    public static final int MAX_WORDS = 8;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final List<String> words;

    private SearchTerms(List<String> words) {
        this.words = words;
    }

    /** The query's words; a query without any, or an over-long one, is the caller's mistake. */
    public static SearchTerms parse(String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("q is required: the words to search for");
        }
        if (query.length() > MAX_QUERY) {
            throw new IllegalArgumentException("q is at most " + MAX_QUERY + " characters");
        }
        Set<String> words = new LinkedHashSet<>();
        Matcher matcher = WORD.matcher(query.toLowerCase(Locale.ROOT));
        while (matcher.find() && words.size() < MAX_WORDS) {
            words.add(matcher.group());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("q needs at least one letter or digit");
        }
        return new SearchTerms(List.copyOf(words));
    }

    public List<String> words() {
        return words;
    }

    /** A PostgreSQL {@code tsquery}: every word as a prefix ({@code 'hel':* & 'wor':*}). */
    public String prefixTsQuery() {
        return String.join(" & ", words.stream().map(word -> "'" + word + "':*").toList());
    }

    /** One {@code LIKE} pattern per word, for a lower-cased body. Words hold no {@code %} or {@code _}. */
    public List<String> likePatterns() {
        return words.stream().map(word -> "%" + word + "%").toList();
    }

    /**
     * Where the words occur in {@code body}: sorted, merged {@code [start, end)} ranges in UTF-16
     * code units. Occurrences at the start of a word are marked; a word found only inside other
     * words (the embedded database's substring match) is marked there.
     */
    public List<List<Integer>> highlights(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        boolean sameLength = lower.length() == body.length(); // a few letters change length when lower-cased
        List<int[]> ranges = new ArrayList<>();
        if (sameLength) {
            for (String word : words) {
                List<int[]> starts = occurrences(lower, word, true);
                ranges.addAll(starts.isEmpty() ? occurrences(lower, word, false) : starts);
            }
        }
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<List<Integer>> merged = new ArrayList<>();
        int[] open = null;
        for (int[] range : ranges) {
            if (open != null && range[0] <= open[1]) {
                open[1] = Math.max(open[1], range[1]);
            } else {
                if (open != null) {
                    merged.add(List.of(open[0], open[1]));
                }
                open = range.clone();
            }
        }
        if (open != null) {
            merged.add(List.of(open[0], open[1]));
        }
        return merged;
    }

    private static List<int[]> occurrences(String text, String word, boolean atWordStart) {
        List<int[]> found = new ArrayList<>();
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            if (!atWordStart || at == 0 || !Character.isLetterOrDigit(text.codePointBefore(at))) {
                found.add(new int[] {at, at + word.length()});
            }
        }
        return found;
    }
}
