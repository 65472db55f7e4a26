package dev.parley.chat.operations.boundary;

import dev.parley.chat.admin.boundary.Moderation;
import dev.parley.chat.assistant.boundary.Assistant;
import dev.parley.chat.audit.entity.AuditView;
import dev.parley.chat.platform.boundary.Metrics;
import dev.parley.chat.room.boundary.RoomRegistry;
import dev.parley.chat.room.entity.RoomName;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers {@code dev.parley:type=Chat} in the platform MBean server, where JConsole and VisualVM
 * find it on Payara Micro, Payara Server and WildFly alike.
 */
@ApplicationScoped
public class ChatConsole implements ChatConsoleMXBean {

    private static final Logger LOG = Logger.getLogger(ChatConsole.class.getName());
    private static final AuditView.Actor JMX = new AuditView.Actor("jmx", "JMX console");

    @Inject
    RoomRegistry registry;

    @Inject
    Metrics metrics;

    @Inject
    Assistant assistant;

    @Inject
    Moderation moderation;

    private ObjectName name;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ready) {
        try {
            name = new ObjectName("dev.parley:type=Chat");
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // left by an earlier deployment of the app
            }
            server.registerMBean(this, name);
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "the JMX bean dev.parley:type=Chat could not be registered: {0}", e.toString());
        }
    }

    @PreDestroy
    void unregister() {
        try {
            if (name != null && ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.log(Level.FINE, "unregistering the JMX bean failed", e);
        }
    }

    @Override
    public int getConnections() {
        return registry.connections();
    }

    @Override
    public int getActiveRooms() {
        return registry.activeRooms();
    }

    @Override
    public long getMessagesReceived() {
        return (long) metrics.value("parley.messages.received");
    }

    @Override
    public long getMessagesStored() {
        return (long) metrics.value("parley.messages.stored");
    }

    @Override
    public long getDeliveries() {
        return (long) metrics.value("parley.deliveries");
    }

    @Override
    public long getQueuedFrames() {
        return registry.queuedFrames();
    }

    @Override
    public long getStoreBacklog() {
        return (long) metrics.value("parley.store.backlog");
    }

    @Override
    public long getSlowClientCloses() {
        return (long) metrics.value("parley.connections.closed", "reason", "too_slow");
    }

    @Override
    public long getAssistantTokens() {
        return (long) metrics.value("parley.assistant.tokens");
    }

    @Override
    public boolean isAssistantPaused() {
        return assistant.paused();
    }

    @Override
    public boolean closeRoom(String room, String reason) {
        return RoomName.isValid(room) && moderation.closeRoom(JMX, room, reason);
    }

    @Override
    public boolean reopenRoom(String room) {
        return RoomName.isValid(room) && moderation.reopenRoom(JMX, room);
    }

    @Override
    public void disconnectUser(String userId) {
        if (userId != null && !userId.isBlank()) {
            moderation.disconnectUser(JMX, userId);
        }
    }

    @Override
    public void pauseAssistant() {
        moderation.pauseAssistant(JMX, true);
    }

    @Override
    public void resumeAssistant() {
        moderation.pauseAssistant(JMX, false);
    }
}
