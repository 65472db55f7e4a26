package dev.parley.chat.room.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives a room socket's connection a small output buffer on Payara. Tyrus writes every frame
 * into the servlet output stream and flushes it; Grizzly copies a write that fits its buffer into
 * a new buffer of the response's buffer size (8 KB by default) and hands that to the socket. The
 * thread that sends (the write lane's) has no Grizzly buffer pool, so each chat frame of a few
 * hundred bytes cost 8 KB of garbage: about half of all the server allocated under chat load,
 * and with it a large share of the GC pauses. With Grizzly's smallest buffer (512 bytes), a
 * larger frame is written from Tyrus's own frame array without a copy.
 *
 * <p>The servlet API cannot do it: Payara's {@code Response.setBufferSize} only ever grows the
 * buffer. So this reaches the Grizzly response behind Payara's facade, once per upgrade; on
 * another server, or if Payara changes its insides, nothing happens.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class UpgradeBufferSize extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(UpgradeBufferSize.class.getName());

    /** Grizzly's smallest output buffer. */
    static final int FRAME_BUFFER_BYTES = 512;

    private static volatile Access access;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && !response.isCommitted()) {
            shrink(response);
        }
        chain.doFilter(request, response);
    }

    private static void shrink(HttpServletResponse response) {
        Access resolved = access(response);
        if (resolved == null) {
            return;
        }
        try {
            Object catalina = resolved.facadeResponse().get(response);
            Object grizzly = resolved.grizzlyResponse().invoke(catalina);
            resolved.setBufferSize().invoke(grizzly, FRAME_BUFFER_BYTES);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "could not shrink the upgrade's output buffer", e);
        }
    }

    private static Access access(HttpServletResponse response) {
        Access current = access;
        if (current != null) {
            return current.usable() ? current : null;
        }
        Access found = Access.NONE;
        if (response.getClass().getName().equals("org.apache.catalina.connector.ResponseFacade")) {
            try {
                Field facadeResponse = response.getClass().getDeclaredField("response");
                facadeResponse.setAccessible(true);
                Method grizzlyResponse = facadeResponse.getType().getMethod("getCoyoteResponse");
                Method setBufferSize = grizzlyResponse.getReturnType().getMethod("setBufferSize", int.class);
                found = new Access(facadeResponse, grizzlyResponse, setBufferSize);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.INFO, "frames keep Payara's default output buffer: {0}", e.toString());
            }
        }
        access = found;
        return found.usable() ? found : null;
    }

    private record Access(Field facadeResponse, Method grizzlyResponse, Method setBufferSize) {
        static final Access NONE = new Access(null, null, null);

        boolean usable() {
            return facadeResponse != null;
        }
    }
}
