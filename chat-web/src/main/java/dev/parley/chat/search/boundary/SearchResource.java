package dev.parley.chat.search.boundary;

import dev.parley.chat.identity.boundary.Caller;
import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.room.entity.RoomName;
import dev.parley.chat.search.control.SearchCursor;
import dev.parley.chat.search.control.SearchTerms;
import dev.parley.chat.search.entity.SearchPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/search}: messages with every word of {@code q}, newest first, from rooms the caller may enter. */
@Path("search")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"user", "admin"})
public class SearchResource {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    @EJB
    MessageSearch search;

    @Inject
    Caller caller;

    @GET
    public SearchPage search(
            @QueryParam("q") String q,
            @QueryParam("room") String room,
            @QueryParam("before") String before,
            @QueryParam("limit") String limit) {
        SearchTerms terms = SearchTerms.parse(q);
        if (room != null && !RoomName.isValid(room)) {
            throw new IllegalArgumentException("room names match ^[a-z0-9][a-z0-9-]{0,63}$");
        }
        SearchCursor cursor = before == null || before.isEmpty() ? null : SearchCursor.parse(before);
        int size = limit == null ? DEFAULT_LIMIT : parseLimit(limit);
        Identity identity = caller.identity();
        if (room != null && !search.mayEnter(identity, room)) {
            throw new ForbiddenException();
        }
        return search.search(identity, terms, room, cursor, size);
    }

    private static int parseLimit(String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= MAX_LIMIT) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new IllegalArgumentException("limit must be a whole number between 1 and " + MAX_LIMIT);
    }
}
