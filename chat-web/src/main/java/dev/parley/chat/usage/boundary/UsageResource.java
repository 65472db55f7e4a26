package dev.parley.chat.usage.boundary;

import dev.parley.chat.identity.boundary.Caller;
import dev.parley.chat.usage.entity.UsageReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Token usage: totals for everyone, every row for admins, a user's own row for a user. */
@Path("usage")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"user", "admin"})
public class UsageResource {

    @EJB
    Usage usage;

    @Inject
    Caller caller;

    @GET
    public UsageReport report() {
        return usage.reportFor(caller.identity());
    }
}
