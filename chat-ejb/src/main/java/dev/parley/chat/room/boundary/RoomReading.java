package dev.parley.chat.room.boundary;

import dev.parley.chat.protocol.control.FrameCodec;
import dev.parley.chat.protocol.entity.ClientFrame;
import dev.parley.chat.protocol.entity.ErrorCode;
import dev.parley.chat.protocol.entity.Frames;
import dev.parley.chat.room.control.Connection;
import dev.parley.chat.room.control.Fanout;
import dev.parley.chat.room.control.OutboundFrame;
import dev.parley.chat.room.entity.Room;
import dev.parley.chat.room.entity.RoomBroadcast;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code read} frame: the reader's marker moves forward, and their other connections to the
 * room (other tabs, other devices, on any node) hear where it is now.
 */
@ApplicationScoped
public class RoomReading {

    private static final Logger LOG = Logger.getLogger(RoomReading.class.getName());

    @EJB
    ReadMarkers markers;

    @EJB
    Rooms rooms;

    @Inject
    Fanout fanout;

    /** The connection's user's marker in its room, or null if they never read it. */
    public Long lastRead(Connection connection) {
        OptionalLong marker =
                markers.lastRead(connection.room(), connection.identity().id());
        return marker.isPresent() ? marker.getAsLong() : null;
    }

    public void onRead(Connection connection, ClientFrame frame) {
        Double seq = frame.seq();
        if (seq == null || seq < 0 || seq != Math.rint(seq) || seq > Long.MAX_VALUE) {
            reply(connection, new Frames.Error(ErrorCode.BAD_REQUEST, "read needs a seq, a whole number >= 0", null));
            return;
        }
        try {
            long lastSeq = rooms.find(connection.room()).map(Room::lastSeq).orElse(0L);
            OptionalLong moved =
                    markers.markRead(connection.room(), connection.identity().id(), seq.longValue(), lastSeq);
            if (moved.isPresent()) {
                fanout.publish(RoomBroadcast.toUser(
                        connection.room(),
                        connection.identity().id(),
                        FrameCodec.write(new Frames.Read(moved.getAsLong()))));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "storing a read marker in room " + connection.room() + " failed", e);
            reply(connection, new Frames.Error(ErrorCode.STORE_FAILED, "the read marker could not be stored", null));
        }
    }

    private static void reply(Connection connection, Object frame) {
        connection.send(OutboundFrame.of(FrameCodec.write(frame)));
    }
}
