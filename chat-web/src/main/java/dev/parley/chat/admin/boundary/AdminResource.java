package dev.parley.chat.admin.boundary;

import dev.parley.chat.message.boundary.MessageStore;
import dev.parley.chat.protocol.control.FrameCodec;
import dev.parley.chat.protocol.entity.Frames;
import dev.parley.chat.room.boundary.RoomRegistry;
import dev.parley.chat.room.boundary.Rooms;
import dev.parley.chat.room.control.Fanout;
import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomName;
import dev.parley.chat.usage.boundary.Usage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** What operators need: figures for their console, and removing a message. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminResource {

    @Inject
    RoomRegistry registry;

    @EJB
    Rooms rooms;

    @EJB
    MessageStore store;

    @EJB
    Usage usage;

    @Inject
    Fanout fanout;

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

    /** Deletes a message; the room is told with a {@code deleted} frame. */
    @DELETE
    @Path("rooms/{room}/messages/{id}")
    public Response delete(@PathParam("room") String room, @PathParam("id") String id) {
        if (!RoomName.isValid(room) || id == null || id.length() > 36) {
            throw new NotFoundException();
        }
        String normalized = id.toLowerCase(Locale.ROOT);
        if (!store.delete(room, normalized)) {
            throw new NotFoundException();
        }
        fanout.publish(RoomBroadcast.toAll(room, FrameCodec.write(new Frames.Deleted(normalized))));
        return Response.noContent().build();
    }

    /** The contract's stats plus rooms with live connections on this node. */
    public record Stats(int connections, long rooms, int activeRooms, long messagesStored, long assistantRequests) {}
}
