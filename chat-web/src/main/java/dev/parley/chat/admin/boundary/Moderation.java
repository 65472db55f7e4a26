package dev.parley.chat.admin.boundary;

import dev.parley.chat.audit.boundary.AuditLog;
import dev.parley.chat.audit.entity.AuditView;
import dev.parley.chat.message.boundary.MessageStore;
import dev.parley.chat.protocol.control.FrameCodec;
import dev.parley.chat.protocol.entity.Frames;
import dev.parley.chat.room.boundary.Rooms;
import dev.parley.chat.room.control.Fanout;
import dev.parley.chat.room.entity.RoomBroadcast;
import dev.parley.chat.room.entity.RoomSignal;
import dev.parley.chat.room.entity.RoomView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every administrative action, from the admin page or the JMX console: done, told to every node
 * (a signal through the fan-out), and written to the audit trail with who did it.
 */
@ApplicationScoped
public class Moderation {

    @EJB
    Rooms rooms;

    @EJB
    MessageStore store;

    @EJB
    AuditLog audit;

    @Inject
    Fanout fanout;

    /** Deletes a message; the room is told with a {@code deleted} frame. False if there is none. */
    public boolean deleteMessage(AuditView.Actor actor, String room, String id) {
        if (!store.delete(room, id)) {
            return false;
        }
        fanout.publish(RoomBroadcast.toAll(room, FrameCodec.write(new Frames.Deleted(id))));
        audit.record(actor.id(), actor.name(), "message.delete", room, id, null);
        return true;
    }

    /** Closes the room: everyone but admins is disconnected and kept out until it is reopened. */
    public boolean closeRoom(AuditView.Actor actor, String room, String reason) {
        if (!rooms.close(room, reason)) {
            return false;
        }
        fanout.signal(new RoomSignal(room, RoomSignal.Kind.SETTINGS_CHANGED));
        audit.record(actor.id(), actor.name(), "room.close", room, null, reason);
        return true;
    }

    public boolean reopenRoom(AuditView.Actor actor, String room) {
        if (!rooms.reopen(room)) {
            return false;
        }
        fanout.signal(new RoomSignal(room, RoomSignal.Kind.SETTINGS_CHANGED));
        audit.record(actor.id(), actor.name(), "room.reopen", room, null, null);
        return true;
    }

    /** Removes a user from a room (their sockets there are closed) and keeps them out for {@code time}. */
    public boolean removeUser(
            AuditView.Actor actor, String room, String userId, String userName, Duration time, String reason) {
        Instant until = Instant.now().plus(time).truncatedTo(ChronoUnit.SECONDS);
        if (!rooms.ban(room, userId, userName, until, reason, actor.id())) {
            return false;
        }
        fanout.signal(new RoomSignal(room, RoomSignal.Kind.SETTINGS_CHANGED));
        audit.record(
                actor.id(),
                actor.name(),
                "room.remove-user",
                room,
                userId,
                "until " + until + (userName == null ? "" : " (" + userName + ")")
                        + (reason == null || reason.isBlank() ? "" : ": " + reason));
        return true;
    }

    /** Lets a removed user back in before their time is up. */
    public boolean readmitUser(AuditView.Actor actor, String room, String userId) {
        if (!rooms.lift(room, userId)) {
            return false;
        }
        fanout.signal(new RoomSignal(room, RoomSignal.Kind.SETTINGS_CHANGED));
        audit.record(actor.id(), actor.name(), "room.readmit-user", room, userId, null);
        return true;
    }

    /** Turns the room's assistant off and stops the reply streaming there now. */
    public RoomView silenceAssistant(
            AuditView.Actor actor, dev.parley.chat.identity.entity.Identity caller, String room) {
        RoomView view = rooms.configure(room, caller, new Rooms.RoomSettings(null, "off", null, null, null));
        fanout.publish(RoomBroadcast.toAll(room, FrameCodec.write(new Frames.RoomChanged(view))));
        fanout.signal(new RoomSignal(room, RoomSignal.Kind.SETTINGS_CHANGED));
        fanout.signal(new RoomSignal(room, RoomSignal.Kind.STOP_ASSISTANT));
        audit.record(actor.id(), actor.name(), "assistant.silence", room, null, null);
        return view;
    }

    /** Records a settings change an admin made through the rooms API. */
    public void settingsChanged(AuditView.Actor actor, String room, String detail) {
        audit.record(actor.id(), actor.name(), "room.settings", room, null, detail);
    }

    /** Closes every socket of the user, on every node. */
    public void disconnectUser(AuditView.Actor actor, String userId) {
        fanout.signal(new RoomSignal("", RoomSignal.Kind.DISCONNECT_USER, userId));
        audit.record(actor.id(), actor.name(), "user.disconnect", null, userId, null);
    }

    /** Pauses (or resumes) the assistant on every node: mentions get {@code assistant_unavailable}. */
    public void pauseAssistant(AuditView.Actor actor, boolean paused) {
        fanout.signal(new RoomSignal("", RoomSignal.Kind.ASSISTANT_PAUSED, Boolean.toString(paused)));
        audit.record(actor.id(), actor.name(), paused ? "assistant.pause" : "assistant.resume", null, null, null);
    }

    public AuditLog.Page audit(Long before, int limit) {
        return audit.page(before, limit);
    }

    /** The rooms matching {@code query}, with their removals in force. */
    public List<Rooms.ModeratedRoom> rooms(String query, int limit) {
        return rooms.moderated(query, limit);
    }
}
