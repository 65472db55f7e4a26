package dev.parley.chat.operations.boundary;

import dev.parley.chat.admin.boundary.Moderation;
import dev.parley.chat.assistant.boundary.Assistant;
import dev.parley.chat.audit.entity.AuditView;
import dev.parley.chat.platform.boundary.Metrics;
import dev.parley.chat.room.boundary.RoomRegistry;
import dev.parley.chat.room.entity.RoomName;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    @Resource
    ManagedExecutorService executor;

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
        return inApp(() -> registry.connections());
    }

    @Override
    public int getActiveRooms() {
        return inApp(() -> registry.activeRooms());
    }

    @Override
    public long getMessagesReceived() {
        return inApp(() -> (long) metrics.value("parley.messages.received"));
    }

    @Override
    public long getMessagesStored() {
        return inApp(() -> (long) metrics.value("parley.messages.stored"));
    }

    @Override
    public long getDeliveries() {
        return inApp(() -> (long) metrics.value("parley.deliveries"));
    }

    @Override
    public long getQueuedFrames() {
        return inApp(() -> registry.queuedFrames());
    }

    @Override
    public long getStoreBacklog() {
        return inApp(() -> (long) metrics.value("parley.store.backlog"));
    }

    @Override
    public long getSlowClientCloses() {
        return inApp(() -> (long) metrics.value("parley.connections.closed", "reason", "too_slow"));
    }

    @Override
    public long getAssistantTokens() {
        return inApp(() -> (long) metrics.value("parley.assistant.tokens"));
    }

    @Override
    public boolean isAssistantPaused() {
        return inApp(() -> assistant.paused());
    }

    @Override
    public boolean closeRoom(String room, String reason) {
        return inApp(() -> RoomName.isValid(room) && moderation.closeRoom(JMX, room, reason));
    }

    @Override
    public boolean reopenRoom(String room) {
        return inApp(() -> RoomName.isValid(room) && moderation.reopenRoom(JMX, room));
    }

    @Override
    public void disconnectUser(String userId) {
        if (userId != null && !userId.isBlank()) {
            inApp(() -> {
                moderation.disconnectUser(JMX, userId);
                return null;
            });
        }
    }

    @Override
    public void pauseAssistant() {
        inApp(() -> {
            moderation.pauseAssistant(JMX, true);
            return null;
        });
    }

    @Override
    public void resumeAssistant() {
        inApp(() -> {
            moderation.pauseAssistant(JMX, false);
            return null;
        });
    }

    /**
     * Runs a JMX call on a thread of the container: JMX calls arrive on RMI threads, which carry no
     * class loader, naming or transaction context for CDI and EJB calls.
     */
    private <T> T inApp(Callable<T> call) {
        try {
            return executor.submit(call).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            // only the message crosses to the JMX client: no server classes, no stack trace
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
