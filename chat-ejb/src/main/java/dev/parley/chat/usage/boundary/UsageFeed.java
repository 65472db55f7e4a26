package dev.parley.chat.usage.boundary;

import dev.parley.chat.protocol.control.FrameCodec;
import dev.parley.chat.protocol.entity.Frames;
import dev.parley.chat.room.control.OutboundFrame;
import dev.parley.chat.room.control.Outbox;
import dev.parley.chat.room.entity.Broadcast;
import dev.parley.chat.room.entity.RoomSignal;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The live usage tally: {@code /ws/usage} connections get the totals on connect and after every reply. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class UsageFeed {

    @EJB
    Usage usage;

    private final Set<Outbox> watchers = ConcurrentHashMap.newKeySet();

    public void watch(Outbox outbox) {
        watchers.add(outbox);
        outbox.open(List.of(current()), 0, 0);
    }

    public void unwatch(Outbox outbox) {
        watchers.remove(outbox);
    }

    public void changed(@Observes @Broadcast RoomSignal signal) {
        if (signal.kind() != RoomSignal.Kind.USAGE_CHANGED || watchers.isEmpty()) {
            return;
        }
        OutboundFrame frame = current();
        watchers.forEach(watcher -> watcher.offer(frame));
    }

    private OutboundFrame current() {
        return OutboundFrame.of(FrameCodec.write(new Frames.Usage(usage.total())));
    }
}
