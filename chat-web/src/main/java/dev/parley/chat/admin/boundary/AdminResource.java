package dev.parley.chat.admin.boundary;

import dev.parley.chat.audit.boundary.AuditLog;
import dev.parley.chat.audit.entity.AuditView;
import dev.parley.chat.identity.boundary.Caller;
import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.message.boundary.MessageStore;
import dev.parley.chat.presence.boundary.Presence;
import dev.parley.chat.room.boundary.RoomRegistry;
import dev.parley.chat.room.boundary.Rooms;
import dev.parley.chat.room.entity.RoomName;
import dev.parley.chat.room.entity.RoomSummary;
import dev.parley.chat.room.entity.RoomView;
import dev.parley.chat.usage.boundary.Usage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What administrators do and see: figures, rooms to moderate, who is online, the audit trail.
 * Every change goes through {@link Moderation}, which tells every node and records who did it.
 */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminResource {

    private static final int REASON_MAX = 500;
    private static final long MINUTES_MAX = 366L * 24 * 60;

    @Inject
    RoomRegistry registry;

    @EJB
    Rooms rooms;

    @EJB
    MessageStore store;

    @EJB
    Usage usage;

    @EJB
    Presence presence;

    @Inject
    Moderation moderation;

    @Inject
    Dashboard dashboard;

    @Inject
    Caller caller;

    /** Connections on this node, rooms and messages in the database, assistant requests. */
    @GET
    @Path("stats")
    public Stats stats() {
        return new Stats(
                registry.connections(),
                rooms.count(),
                registry.activeRooms(),
                store.count(),
                usage.total().requests());
    }

    /** This node's live figures and their last ten minutes; the assistant's tokens per minute. */
    @GET
    @Path("dashboard")
    public Dashboard.View dashboard() {
        return dashboard.view();
    }

    /** Rooms whose name or title contains {@code q}, with who is online and the removals in force. */
    @GET
    @Path("rooms")
    public List<Rooms.ModeratedRoom> rooms(@QueryParam("q") String query, @QueryParam("limit") Integer limit) {
        if (query != null && query.length() > 64) {
            throw new IllegalArgumentException("q is at most 64 characters");
        }
        return moderation.rooms(query, limit == null ? 100 : Math.max(1, Math.min(limit, 500)));
    }

    /** Deletes a message; the room is told with a {@code deleted} frame. */
    @DELETE
    @Path("rooms/{room}/messages/{id}")
    public Response delete(@PathParam("room") String room, @PathParam("id") String id) {
        if (!RoomName.isValid(room) || id == null || id.length() > 36) {
            throw new NotFoundException();
        }
        if (!moderation.deleteMessage(actor(), room, id.toLowerCase(Locale.ROOT))) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    /** Closes the room for everyone but admins (connected users are disconnected) until reopened. */
    @PUT
    @Path("rooms/{room}/closure")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response close(@PathParam("room") String room, Reason body) {
        validRoom(room);
        if (!moderation.closeRoom(actor(), room, reason(body == null ? null : body.reason()))) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("rooms/{room}/closure")
    public Response reopen(@PathParam("room") String room) {
        validRoom(room);
        if (!moderation.reopenRoom(actor(), room)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    /**
     * Removes a user from the room and keeps them out for {@code minutes} (or {@code seconds});
     * their sockets there close with the reason.
     */
    @PUT
    @Path("rooms/{room}/removals/{user}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response remove(@PathParam("room") String room, @PathParam("user") String userId, Removal body) {
        validRoom(room);
        validUser(userId);
        Duration time = body == null ? null : body.time();
        if (time == null) {
            throw new IllegalArgumentException(
                    "give minutes or seconds, between 1 second and " + MINUTES_MAX + " minutes");
        }
        if (body.userName() != null && body.userName().length() > 64) {
            throw new IllegalArgumentException("userName is at most 64 characters");
        }
        if (!moderation.removeUser(actor(), room, userId, body.userName(), time, reason(body.reason()))) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    /** Lets a removed user back into the room. */
    @DELETE
    @Path("rooms/{room}/removals/{user}")
    public Response readmit(@PathParam("room") String room, @PathParam("user") String userId) {
        validRoom(room);
        validUser(userId);
        if (!moderation.readmitUser(actor(), room, userId)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    /** Turns the room's assistant off and stops the reply streaming there now. */
    @POST
    @Path("rooms/{room}/assistant/silence")
    public RoomView silence(@PathParam("room") String room) {
        validRoom(room);
        if (rooms.find(room).isEmpty()) {
            throw new NotFoundException();
        }
        return moderation.silenceAssistant(actor(), caller.identity(), room);
    }

    /** Who is online, in which rooms, with how many connections (all nodes). */
    @GET
    @Path("users")
    public List<OnlineUser> users() {
        Map<String, OnlineUser> byId = new LinkedHashMap<>();
        for (RoomSummary room : rooms.visibleTo(caller.identity())) {
            if (room.online() == 0) {
                continue;
            }
            for (var member : presence.members(room.name())) {
                byId.computeIfAbsent(
                                member.user().id(),
                                id -> new OnlineUser(id, member.user().name(), new ArrayList<>()))
                        .rooms()
                        .add(new OnlineUser.InRoom(room.name(), member.connections()));
            }
        }
        return List.copyOf(byId.values());
    }

    /** Closes every socket of the user on every node (they may reconnect unless removed). */
    @POST
    @Path("users/{user}/disconnect")
    public Response disconnect(@PathParam("user") String userId) {
        validUser(userId);
        moderation.disconnectUser(actor(), userId);
        return Response.noContent().build();
    }

    /** Pauses or resumes the assistant on every node. */
    @PUT
    @Path("assistant/paused")
    @Consumes(MediaType.APPLICATION_JSON)
    public Paused pause(Paused body) {
        if (body == null || body.paused() == null) {
            throw new IllegalArgumentException("paused must be true or false");
        }
        moderation.pauseAssistant(actor(), body.paused());
        return body;
    }

    /** The audit trail, newest first: entries older than {@code before} (an entry id). */
    @GET
    @Path("audit")
    public AuditLog.Page audit(@QueryParam("before") Long before, @QueryParam("limit") Integer limit) {
        if (limit != null && (limit < 1 || limit > 200)) {
            throw new IllegalArgumentException("limit must be between 1 and 200");
        }
        return moderation.audit(before, limit == null ? 50 : limit);
    }

    private AuditView.Actor actor() {
        Identity identity = caller.identity();
        return new AuditView.Actor(identity.id(), identity.name());
    }

    private static void validRoom(String room) {
        if (!RoomName.isValid(room)) {
            throw new IllegalArgumentException("room names match ^[a-z0-9][a-z0-9-]{0,63}$");
        }
    }

    private static void validUser(String userId) {
        if (userId == null || userId.isBlank() || userId.length() > 255) {
            throw new IllegalArgumentException("a user id has 1 to 255 characters");
        }
    }

    private static String reason(String reason) {
        if (reason != null && reason.length() > REASON_MAX) {
            throw new IllegalArgumentException("reason is at most " + REASON_MAX + " characters");
        }
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    /** The contract's stats plus rooms with live connections on this node. */
    public record Stats(int connections, long rooms, int activeRooms, long messagesStored, long assistantRequests) {}

    public record Reason(String reason) {}

    public record Removal(Long minutes, Long seconds, String reason, String userName) {
        /** The time asked for, or null unless exactly one of the two is given and within a year. */
        Duration time() {
            if ((minutes == null) == (seconds == null)) {
                return null;
            }
            long asSeconds = minutes != null ? Math.min(minutes, MINUTES_MAX + 1) * 60 : seconds;
            return asSeconds < 1 || asSeconds > MINUTES_MAX * 60 ? null : Duration.ofSeconds(asSeconds);
        }
    }

    public record Paused(Boolean paused) {}

    /** A user online somewhere, with their rooms. */
    public record OnlineUser(String id, String name, List<InRoom> rooms) {
        public record InRoom(String room, int connections) {}
    }
}
