package dev.parley.chat.room.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The handshake request as the WebSocket container sees it once the token has been checked: the
 * same request without its {@code access_token} query parameter.
 *
 * <p>Tyrus keeps the query string in its request context, the session and the session's URI for
 * the connection's life, so anything that logged or exposed the session's URI would show the
 * token. The identity it carried is already in the {@link Admission}. (The copies share their
 * characters with the container's request, so this saves no measurable heap: docs/benchmarks.md.)
 */
final class TokenlessRequest extends HttpServletRequestWrapper {

    private final String queryString;
    private final Map<String, String[]> parameters;

    TokenlessRequest(HttpServletRequest request) {
        super(request);
        this.queryString = withoutToken(request.getQueryString());
        Map<String, String[]> kept = new LinkedHashMap<>(request.getParameterMap());
        kept.remove(HandshakeRules.TOKEN_PARAMETER);
        this.parameters = Collections.unmodifiableMap(kept);
    }

    /** The query string without any {@code access_token} pair, or null when nothing else is left. */
    static String withoutToken(String query) {
        if (query == null) {
            return null;
        }
        StringJoiner kept = new StringJoiner("&");
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!pair.isEmpty() && !HandshakeRules.TOKEN_PARAMETER.equals(decoded(name))) {
                kept.add(pair);
            }
        }
        return kept.length() == 0 ? null : kept.toString();
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }

    @Override
    public String getQueryString() {
        return queryString;
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values.clone();
    }
}
