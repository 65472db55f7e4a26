package dev.parley.chat.room.boundary;

import dev.parley.chat.audit.boundary.AuditLog;
import dev.parley.chat.identity.boundary.Caller;
import dev.parley.chat.identity.entity.Identity;
import dev.parley.chat.message.boundary.MessageStore;
import dev.parley.chat.message.entity.MessagePage;
import dev.parley.chat.presence.boundary.Presence;
import dev.parley.chat.protocol.control.FrameCodec;
import dev.parley.chat.protocol.entity.Frames;
import dev.parley.chat.provider.control.LlmProviders;
import dev.parley.chat.room.control.Fanout;
import dev.parley.chat.room.control.ParticipantRules;
import dev.parley.chat.room.entity.AssistantMode;
import dev.parley.chat.room.entity.Room;
import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomName;
import dev.parley.chat.room.entity.RoomSignal;
import dev.parley.chat.room.entity.RoomSummary;
import dev.parley.chat.room.entity.RoomView;
import dev.parley.chat.room.entity.Unread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rooms over REST: the list, settings, history pages and presence. */
@Path("rooms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"user", "admin"})
public class RoomsResource {

    private static final int MAX_PAGE = 200;
    private static final int TITLE_MAX = 200;
    private static final int PERSONA_MAX = 8000;

    @EJB
    Rooms rooms;

    @EJB
    MessageStore store;

    @EJB
    Presence presence;

    @Inject
    Fanout fanout;

    @Inject
    Caller caller;

    @EJB
    AuditLog audit;

    @EJB
    ReadMarkers readMarkers;

    @Inject
    LlmProviders providers;

    /** Rooms the caller may enter. */
    @GET
    public List<RoomSummary> list() {
        Map<String, Unread> unread = readMarkers.unread(caller.identity().user());
        return rooms.visibleTo(caller.identity()).stream()
                .map(room -> room.with(unread.get(room.name())))
                .toList();
    }

    /** A room's settings (an extension); a room never used shows the defaults it would start with. */
    @GET
    @Path("{room}")
    public RoomView room(@PathParam("room") String name) {
        validName(name);
        Optional<Room> room = rooms.find(name);
        if (room.isPresent() && !room.get().admits(caller.identity().groups())) {
            throw new ForbiddenException();
        }
        return rooms.view(name);
    }

    /** Changes a room's settings (its creator or an admin); creates the room if it is new. */
    @PUT
    @Path("{room}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RoomView configure(@PathParam("room") String name, Rooms.RoomSettings settings) {
        validName(name);
        Rooms.RoomSettings requested =
                validated(settings == null ? new Rooms.RoomSettings(null, null, null, null, null) : settings);
        Identity identity = caller.identity();
        Optional<Room> existing = rooms.find(name);
        if (existing.isPresent()
                && !identity.isAdmin()
                && !identity.id().equals(existing.get().creatorId())) {
            throw new ForbiddenException();
        }
        RoomView room = rooms.configure(name, identity, requested);
        if (identity.isAdmin()
                && existing.isPresent()
                && !identity.id().equals(existing.get().creatorId())) {
            audit.record(identity.id(), identity.name(), "room.settings", name, null, describe(requested));
        }
        fanout.publish(RoomBroadcast.toAll(name, FrameCodec.write(new Frames.RoomChanged(room))));
        // every node drops its cached settings and closes its connections no longer allowed in
        fanout.signal(new RoomSignal(name, RoomSignal.Kind.SETTINGS_CHANGED));
        return room;
    }

    /** A page of history: messages before {@code before}, oldest first. */
    @GET
    @Path("{room}/messages")
    public MessagePage messages(
            @PathParam("room") String name, @QueryParam("before") String before, @QueryParam("limit") String limit) {
        validName(name);
        long beforeSeq = before == null ? Long.MAX_VALUE : parse(before, "before", 1, Long.MAX_VALUE);
        int size = limit == null ? 50 : (int) parse(limit, "limit", 1, MAX_PAGE);
        if (!mayEnter(name)) {
            throw new ForbiddenException();
        }
        return store.before(name, beforeSeq, size);
    }

    /** Who is in the room now, with their connection counts. */
    @GET
    @Path("{room}/presence")
    public PresenceView presence(@PathParam("room") String name) {
        validName(name);
        if (!mayEnter(name)) {
            throw new ForbiddenException();
        }
        return new PresenceView(
                name,
                presence.members(name).stream()
                        .map(member -> new PresentUser(
                                member.user().id(), member.user().name(), member.connections()))
                        .toList());
    }

    /** The fields an admin changed, for the audit trail (the persona only by its length). */
    private static String describe(Rooms.RoomSettings settings) {
        List<String> changed = new java.util.ArrayList<>();
        if (settings.title() != null) {
            changed.add("title=" + settings.title());
        }
        if (settings.assistant() != null) {
            changed.add("assistant=" + settings.assistant());
        }
        if (settings.persona() != null) {
            changed.add("persona (" + settings.persona().length() + " characters)");
        }
        if (settings.allowedGroups() != null) {
            changed.add("allowedGroups=" + settings.allowedGroups());
        }
        if (settings.participants() != null) {
            changed.add("participants="
                    + settings.participants().stream()
                            .map(p -> p.name() + " (" + p.provider() + "/" + p.model() + ")")
                            .toList());
        }
        return String.join(", ", changed);
    }

    private boolean mayEnter(String name) {
        return rooms.find(name)
                .map(room -> room.admits(caller.identity().groups()))
                .orElse(true);
    }

    private static void validName(String name) {
        if (!RoomName.isValid(name)) {
            throw new IllegalArgumentException("room names match ^[a-z0-9][a-z0-9-]{0,63}$");
        }
    }

    /** The settings as they will be applied (participants completed with their default models), or 400. */
    private Rooms.RoomSettings validated(Rooms.RoomSettings settings) {
        validate(settings);
        if (settings.participants() == null) {
            return settings;
        }
        return new Rooms.RoomSettings(
                settings.title(),
                settings.assistant(),
                settings.persona(),
                settings.allowedGroups(),
                ParticipantRules.validated(settings.participants(), providers::find));
    }

    private static void validate(Rooms.RoomSettings settings) {
        if (settings.assistant() != null) {
            AssistantMode.fromWire(settings.assistant());
        }
        if (settings.title() != null && settings.title().length() > TITLE_MAX) {
            throw new IllegalArgumentException("title is at most " + TITLE_MAX + " characters");
        }
        if (settings.persona() != null && settings.persona().length() > PERSONA_MAX) {
            throw new IllegalArgumentException("persona is at most " + PERSONA_MAX + " characters");
        }
        if (settings.allowedGroups() != null
                && settings.allowedGroups().stream().anyMatch(g -> g == null || g.isBlank() || g.contains(","))) {
            throw new IllegalArgumentException("allowedGroups must be non-empty group names without commas");
        }
    }

    private static long parse(String value, String name, long min, long max) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    public record PresenceView(String room, List<PresentUser> users) {}

    public record PresentUser(String id, String name, int connections) {}
}
