package dev.parley.chat.message.control;

/**
 * What counts as a reaction: one emoji as people type it, including sequences (skin tones,
 * zero-width joiners, flags, keycaps), and nothing else: no letters, no spaces, no markup.
 */
public final class Emoji {

    public static final int MAX_CODE_POINTS = 16;

    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int KEYCAP = 0x20E3;

    private Emoji() {}

    public static boolean isValid(String text) {
        if (text == null || text.isEmpty() || text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            return false;
        }
        boolean keycap = text.indexOf(KEYCAP) >= 0;
        boolean pictograph = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL) {
                pictograph = true;
            } else if (isJoiner(cp) || (keycap && (cp == '#' || cp == '*' || (cp >= '0' && cp <= '9')))) {
                // part of a sequence
            } else {
                return false;
            }
        }
        return pictograph || keycap;
    }

    private static boolean isJoiner(int cp) {
        return cp == ZERO_WIDTH_JOINER
                || cp == KEYCAP
                || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
                || (cp >= 0xE0020 && cp <= 0xE007F); // tag sequences (subdivision flags)
    }
}
