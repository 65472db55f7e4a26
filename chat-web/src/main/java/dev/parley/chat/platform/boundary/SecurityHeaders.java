package dev.parley.chat.platform.boundary;

import dev.parley.chat.platform.config.Settings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;

/**
 * Browser hardening on every response: the app's scripts and styles come only from this origin
 * (no inline script can run even if text ever reached the page as HTML), it may not be framed,
 * and it talks only to itself and, in SSO mode, to the identity provider.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    private String contentSecurityPolicy;

    @Override
    public void init() {
        String provider =
                Settings.get("chat.oidc.issuer").map(SecurityHeaders::originOf).orElse("");
        contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; connect-src 'self' " + provider + "; frame-src 'self' " + provider
                + "; frame-ancestors 'none'; base-uri 'self'; form-action 'self' " + provider + "; object-src 'none'";
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        chain.doFilter(request, response);
    }

    private static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
