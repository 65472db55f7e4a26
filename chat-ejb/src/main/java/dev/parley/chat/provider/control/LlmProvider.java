package dev.parley.chat.provider.control;

import dev.parley.chat.provider.entity.ProviderView;
import java.util.List;
import java.util.Optional;

/** One configured OpenAI-compatible provider: where it is, its key, the models rooms may pick. */
public record LlmProvider(String name, String baseUrl, Optional<String> apiKey, List<String> models) {

    public boolean offers(String model) {
        return models.contains(model);
    }

    public ProviderView view() {
        return new ProviderView(name, models);
    }

    @Override
    public String toString() {
        return "LlmProvider[" + name + " at " + baseUrl + ", models " + models + "]"; // never the key
    }
}
