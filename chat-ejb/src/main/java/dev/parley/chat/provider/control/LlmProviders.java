package dev.parley.chat.provider.control;

import dev.parley.chat.provider.entity.ProviderView;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The providers AI participants may use. {@code default} is {@code CHAT_LLM_BASE_URL} with
 * {@code CHAT_LLM_MODEL} (and any further {@code CHAT_LLM_MODELS}); more are named in
 * {@code CHAT_LLM_PROVIDERS} (e.g. {@code local,openai}) and each configured with
 * {@code CHAT_LLM_PROVIDER_<NAME>_BASE_URL}, {@code _API_KEY} and {@code _MODELS}.
 */
@ApplicationScoped
public class LlmProviders {

    public static final String DEFAULT = "default";
    private static final Logger LOG = Logger.getLogger(LlmProviders.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,31}");

    private final Map<String, LlmProvider> byName = new LinkedHashMap<>();

    @PostConstruct
    void read() {
        Config config = ConfigProvider.getConfig();
        config.getOptionalValue("chat.llm.base.url", String.class).ifPresent(url -> {
            String model =
                    config.getOptionalValue("chat.llm.model", String.class).orElse("gpt-4o-mini");
            List<String> models = distinct(model, list(config, "chat.llm.models"));
            byName.put(
                    DEFAULT,
                    new LlmProvider(DEFAULT, url, config.getOptionalValue("chat.llm.api.key", String.class), models));
        });
        for (String name : list(config, "chat.llm.providers")) {
            String key = name.toLowerCase(java.util.Locale.ROOT);
            String prefix = "chat.llm.provider." + key + ".";
            Optional<String> url = config.getOptionalValue(prefix + "base.url", String.class);
            List<String> models = list(config, prefix + "models");
            if (!NAME.matcher(key).matches() || key.equals(DEFAULT) || url.isEmpty() || models.isEmpty()) {
                LOG.warning("LLM provider '" + name + "' is left out: it needs a name of lower-case letters and digits"
                        + " (not 'default') and both CHAT_LLM_PROVIDER_" + key.toUpperCase(java.util.Locale.ROOT)
                        + "_BASE_URL and _MODELS");
                continue;
            }
            byName.put(
                    key,
                    new LlmProvider(key, url.get(), config.getOptionalValue(prefix + "api.key", String.class), models));
        }
    }

    public Optional<LlmProvider> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public List<LlmProvider> all() {
        return List.copyOf(byName.values());
    }

    public List<ProviderView> views() {
        return byName.values().stream().map(LlmProvider::view).toList();
    }

    private static List<String> list(Config config, String key) {
        return config.getOptionalValue(key, String.class)
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::strip)
                        .filter(part -> !part.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    private static List<String> distinct(String first, List<String> more) {
        java.util.LinkedHashSet<String> models = new java.util.LinkedHashSet<>();
        models.add(first);
        models.addAll(more);
        return List.copyOf(models);
    }
}
