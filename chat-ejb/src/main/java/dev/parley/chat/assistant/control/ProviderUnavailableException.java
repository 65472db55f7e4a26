package dev.parley.chat.assistant.control;

/** The provider's circuit is open: it failed repeatedly and is left alone for a while. */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String provider) {
        super("the circuit of LLM provider '" + provider + "' is open");
    }
}
