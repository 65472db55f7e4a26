package dev.parley.chat.platform.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a {@code chat.*} key the way MicroProfile Config would (system property first, then the
 * environment variable {@code CHAT_...}), for code that runs before or below MicroProfile Config:
 * the {@link ChatConfigSource} itself.
 */
public final class Settings {

    private Settings() {}

    public static Optional<String> get(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    public static Path dataDir() {
        return Path.of(get("chat.data.dir").orElse("./data")).toAbsolutePath().normalize();
    }

    public static boolean oidcMode() {
        return get("chat.oidc.issuer").isPresent();
    }
}
