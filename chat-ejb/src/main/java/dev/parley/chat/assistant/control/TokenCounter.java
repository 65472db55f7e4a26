package dev.parley.chat.assistant.control;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real tokenizer (o200k_base, as current OpenAI models use): to trim the
 * context to a budget, and to estimate usage when a provider reports none. Other models tokenize
 * differently; the count is an estimate for them.
 */
public final class TokenCounter {

    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private TokenCounter() {}

    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
    }
}
