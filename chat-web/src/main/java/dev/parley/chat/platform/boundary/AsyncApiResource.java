package dev.parley.chat.platform.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The AsyncAPI 3 document of the WebSocket protocol, public like {@code /openapi}. */
@Path("asyncapi.json")
@PermitAll
public class AsyncApiResource {

    private static final byte[] DOCUMENT = load();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] document() {
        return DOCUMENT;
    }

    private static byte[] load() {
        try (InputStream in = AsyncApiResource.class.getResourceAsStream("/asyncapi.json")) {
            if (in == null) {
                throw new IllegalStateException("asyncapi.json is missing from the WAR");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
