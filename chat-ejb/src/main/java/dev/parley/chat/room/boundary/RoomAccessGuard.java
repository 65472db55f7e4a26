package dev.parley.chat.room.boundary;

import dev.parley.chat.room.entity.Broadcast;
import dev.parley.chat.room.entity.Room;
import dev.parley.chat.room.entity.RoomSignal;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Closes this node's connections that may no longer stay: users a room's new settings, its closure
 * or a removal keep out, and users an administrator disconnects.
 */
@ApplicationScoped
public class RoomAccessGuard {

    @EJB
    Rooms rooms;

    @Inject
    RoomRegistry registry;

    @Inject
    RoomBans bans;

    public void onSignal(@Observes @Broadcast RoomSignal signal) {
        switch (signal.kind()) {
            case SETTINGS_CHANGED -> settingsChanged(signal.room());
            case DISCONNECT_USER -> disconnect(signal.room(), signal.subject());
            default -> {
                // not about who may stay
            }
        }
    }

    private void settingsChanged(String name) {
        bans.reload(name);
        Room room = rooms.find(name).orElse(null);
        if (room == null) {
            return;
        }
        registry.closeEach(name, connection -> {
            String refusal = room.refusal(connection.identity().groups());
            return refusal != null
                    ? refusal
                    : bans.refusal(name, connection.identity().id());
        });
    }

    private void disconnect(String room, String userId) {
        if (userId == null) {
            return;
        }
        registry.ofUser(userId).stream()
                .filter(connection -> room.isEmpty() || connection.room().equals(room))
                .forEach(connection ->
                        connection.outbox().close(RoomSessions.POLICY_VIOLATION, "disconnected by an administrator"));
    }
}
