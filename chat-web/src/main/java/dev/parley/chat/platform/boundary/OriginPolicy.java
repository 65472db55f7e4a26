package dev.parley.chat.platform.boundary;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open a WebSocket (against cross-site WebSocket hijacking) or call the
 * API: the page's own origin, plus the configured list ({@code CHAT_ALLOWED_ORIGINS}). Clients
 * that send no Origin are not browsers.
 */
public final class OriginPolicy {

    private final Set<String> allowed;

    public OriginPolicy(String allowedOrigins) {
        this.allowed = allowedOrigins == null
                ? Set.of()
                : Arrays.stream(allowedOrigins.split(","))
                        .map(String::trim)
                        .filter(o -> !o.isEmpty())
                        .map(OriginPolicy::normalize)
                        .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String normalized = normalize(origin);
        if (allowed.contains("*") || allowed.contains(normalized)) {
            return true;
        }
        return sameOrigin(normalized, host);
    }

    /** True when the origin is in the configured list (the page's own origin needs no CORS). */
    public boolean listed(String origin) {
        return origin != null && (allowed.contains("*") || allowed.contains(normalize(origin)));
    }

    private static boolean sameOrigin(String normalized, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(normalized);
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority != null && authority.equalsIgnoreCase(host.trim())
                    || authority != null && withDefaultPort(uri).equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withDefaultPort(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static String normalize(String origin) {
        String lower = origin.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
