package dev.parley.chat.platform.boundary;

import dev.parley.chat.protocol.entity.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Refuses request bodies over 64 KiB with 413, whether or not they declare their length. */
@Provider
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {

    static final int MAX_BODY = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (request.getLength() > MAX_BODY) {
            request.abortWith(tooLarge());
            return;
        }
        if (!request.hasEntity()) {
            return;
        }
        byte[] body = request.getEntityStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            request.abortWith(tooLarge());
            return;
        }
        InputStream replay = new ByteArrayInputStream(body);
        request.setEntityStream(replay);
    }

    private static jakarta.ws.rs.core.Response tooLarge() {
        return ErrorBody.response(413, ErrorCode.TOO_LARGE, "the request body is larger than 64 KiB");
    }
}
