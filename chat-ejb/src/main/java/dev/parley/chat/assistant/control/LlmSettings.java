package dev.parley.chat.assistant.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How the AIs call the language model: the assistant's model, context, budgets, timeouts, concurrency. */
@ApplicationScoped
public class LlmSettings {

    @Inject
    @ConfigProperty(name = "chat.llm.model", defaultValue = "gpt-4o-mini")
    String model;

    @Inject
    @ConfigProperty(name = "chat.llm.context.messages", defaultValue = "30")
    int contextMessages;

    @Inject
    @ConfigProperty(name = "chat.llm.context.tokens", defaultValue = "8000")
    int contextTokens;

    @Inject
    @ConfigProperty(name = "chat.llm.budget.user.daily")
    Optional<Long> userDailyBudget;

    @Inject
    @ConfigProperty(name = "chat.llm.budget.room.daily")
    Optional<Long> roomDailyBudget;

    @Inject
    @ConfigProperty(name = "chat.llm.budget.reserve", defaultValue = "1000")
    long replyReserve;

    @Inject
    @ConfigProperty(name = "chat.llm.first.token.timeout", defaultValue = "PT30S")
    Duration firstTokenTimeout;

    @Inject
    @ConfigProperty(name = "chat.llm.total.timeout", defaultValue = "PT180S")
    Duration totalTimeout;

    @Inject
    @ConfigProperty(name = "chat.llm.max.concurrent", defaultValue = "8")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "chat.llm.catchup.messages", defaultValue = "300")
    int catchUpMessages;

    /** The default provider's model: the assistant's and the catch-up's. */
    public String model() {
        return model;
    }

    /** How many recent messages go into a reply's context. */
    public int contextMessages() {
        return contextMessages;
    }

    /** The token budget of a reply's context, the oldest messages going first past it. */
    public int contextTokens() {
        return contextTokens;
    }

    public Optional<Long> userDailyBudget() {
        return userDailyBudget;
    }

    public Optional<Long> roomDailyBudget() {
        return roomDailyBudget;
    }

    /** Tokens reserved for an answer on top of its prompt, until its real usage is known. */
    public long replyReserve() {
        return replyReserve;
    }

    public Duration firstTokenTimeout() {
        return firstTokenTimeout;
    }

    public Duration totalTimeout() {
        return totalTimeout;
    }

    /** Generations at once on this server (replies, and catch-ups apart from them). */
    public int maxConcurrent() {
        return Math.max(1, maxConcurrent);
    }

    /** At most this many of the latest missed messages go into a catch-up. */
    public int catchUpMessages() {
        return catchUpMessages;
    }
}
