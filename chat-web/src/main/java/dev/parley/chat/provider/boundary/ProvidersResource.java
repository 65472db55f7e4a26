package dev.parley.chat.provider.boundary;

import dev.parley.chat.provider.control.LlmProviders;
import dev.parley.chat.provider.entity.ProviderView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The providers and models a room's AI participants may use (names only: no address, no key). */
@Path("assistant/providers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"user", "admin"})
public class ProvidersResource {

    @Inject
    LlmProviders providers;

    @GET
    public List<ProviderView> list() {
        return providers.views();
    }
}
