package dev.parley.chat.room.boundary;

import dev.parley.chat.platform.boundary.ErrorBody;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a WebSocket handshake that {@link HandshakeRules} turns down with a plain HTTP answer
 * (400, 401 or 403 and the contract's {@code {"code","message"}}), before the container upgrades
 * the connection.
 *
 * <p>Why not upgrade and close with 1008, as the endpoint still does where this filter does not run
 * first: on Payara the endpoint's {@code @OnOpen} runs inside the upgrade request's own processing,
 * and a connection closed there (and the client's close frame read back on another thread) races
 * Grizzly 4.0.2's recycling of that request. A stress of refused sockets beside plain requests
 * logged a {@code NullPointerException} every 40 refusals and answered a plain request with a 500
 * (docs/reliability.md). An HTTP refusal never hands the connection over, and costs less.
 *
 * <p>An admitted handshake's decision is handed to {@link HandshakeGuard} on this thread (the
 * container upgrades inside this filter's chain), so the token is verified once, and the container
 * is handed the request without its token ({@link TokenlessRequest}).
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class HandshakeRefusal extends HttpFilter {

    private static final ThreadLocal<Admission> DECIDED = new ThreadLocal<>();

    /** The admission this filter decided for the handshake this thread is upgrading, or null. */
    static Admission admissionOfThisRequest() {
        return DECIDED.get();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        Admission admission = HandshakeRules.SHARED.decide(
                request.getHeader("Origin"), request.getHeader("Host"), request.getRequestURI(), request::getParameter);
        if (admission.refused()) {
            refuse(response, admission);
            return;
        }
        DECIDED.set(admission);
        try {
            chain.doFilter(new TokenlessRequest(request), response);
        } finally {
            DECIDED.remove();
        }
    }

    private static void refuse(HttpServletResponse response, Admission admission) throws IOException {
        int status = admission.refusalStatus();
        byte[] body = Json.createObjectBuilder()
                .add("code", ErrorBody.codeFor(status).wireName())
                .add("message", admission.refusal())
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.setHeader("Connection", "close");
        response.getOutputStream().write(body);
    }
}
