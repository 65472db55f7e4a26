package dev.parley.chat.room.boundary;

import dev.parley.chat.room.entity.Broadcast;
import dev.parley.chat.room.entity.Room;
import dev.parley.chat.room.entity.RoomSignal;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Closes this node's connections to a room whose new settings no longer let their users in. */
@ApplicationScoped
public class RoomAccessGuard {

    @EJB
    Rooms rooms;

    @Inject
    RoomRegistry registry;

    public void settingsChanged(@Observes @Broadcast RoomSignal signal) {
        if (signal.kind() != RoomSignal.Kind.SETTINGS_CHANGED) {
            return;
        }
        Room room = rooms.find(signal.room()).orElse(null);
        if (room == null) {
            return;
        }
        registry.close(
                signal.room(),
                connection -> !room.admits(connection.identity().groups()),
                RoomSessions.POLICY_VIOLATION,
                "forbidden: no longer allowed in this room");
    }
}
