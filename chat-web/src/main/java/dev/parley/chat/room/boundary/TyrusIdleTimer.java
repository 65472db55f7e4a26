package dev.parley.chat.room.boundary;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On Payara (Tyrus 2.1), every frame a client sends re-arms the session's idle timer by scheduling
 * a task on the container's managed scheduler, even when the session has no idle timeout, and the
 * managed scheduler captures the whole EE context for each task: a fifth of the server's CPU under
 * chat load went there. Our sessions have no idle timeout (dead peers are found by the heartbeat),
 * so each session gets a scheduler on which re-arming without a timeout costs nothing. Other
 * WebSocket implementations, or a Tyrus whose insides changed, are left as they are.
 */
final class TyrusIdleTimer {

    private static final Logger LOG = Logger.getLogger(TyrusIdleTimer.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static final String TYRUS_BASE_CONTAINER = "org.glassfish.tyrus.core.BaseContainer";
    private static final ScheduledExecutorService WITHOUT_TIMEOUT = new WithoutTimeoutScheduler();
    private static volatile Field schedulerField;
    private static volatile boolean unavailable;

    private TyrusIdleTimer() {}

    /**
     * Every new Tyrus session arms its idle timer once as it is made (with the container's default
     * timeout), on the container's scheduler: on Payara the managed one, whose context capture
     * (a service-loader scan per task) was a tenth of the CPU of a connect storm. The container's
     * sessions get the scheduler of this class instead. Only Tyrus's server sessions schedule on
     * it (the idle check and the heartbeat), and every endpoint of ours turns the idle timeout off.
     */
    static void disableForContainer(Object serverContainer) {
        try {
            Field managed =
                    schedulerField(serverContainer.getClass(), TYRUS_BASE_CONTAINER, "managedScheduledExecutorService");
            if (managed == null) {
                LOG.log(Level.INFO, "Tyrus sessions keep the container's scheduler: not Tyrus");
            } else if (managed.get(serverContainer) != null) {
                managed.set(serverContainer, WITHOUT_TIMEOUT);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "Tyrus sessions keep the container's scheduler: {0}", e.toString());
        }
    }

    /** For a session whose idle timeout is 0: no scheduling per frame from now on. */
    static void disable(Session session) {
        Field field = schedulerField(session);
        if (field == null) {
            return;
        }
        try {
            field.set(session, WITHOUT_TIMEOUT);
        } catch (IllegalAccessException | RuntimeException e) {
            giveUp(e);
        }
    }

    private static Field schedulerField(Session session) {
        Field field = schedulerField;
        if (field != null || unavailable) {
            return field;
        }
        try {
            Field found = schedulerField(session.getClass(), TYRUS_SESSION, "service");
            if (found == null) {
                giveUp(null);
            }
            schedulerField = found;
            return found;
        } catch (ReflectiveOperationException | RuntimeException e) {
            giveUp(e);
        }
        return null;
    }

    /** The accessible scheduler field {@code name} that the Tyrus class {@code owner} declares, if {@code type} is one. */
    private static Field schedulerField(Class<?> type, String owner, String name) throws NoSuchFieldException {
        for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
            if (candidate.getName().equals(owner)) {
                Field field = candidate.getDeclaredField(name);
                if (!ScheduledExecutorService.class.equals(field.getType())) {
                    return null;
                }
                field.setAccessible(true);
                return field;
            }
        }
        return null;
    }

    private static void giveUp(Exception why) {
        if (!unavailable) {
            unavailable = true;
            LOG.log(Level.INFO, "Tyrus idle timer left as it is: {0}", why == null ? "not Tyrus" : why.toString());
        }
    }

    /**
     * Tyrus schedules its idle check with the idle timeout as the delay; with no timeout the check
     * does nothing, so a task without delay is not run at all. Anything else (a real timeout, a
     * heartbeat) runs on one daemon thread, started only if ever needed.
     */
    static final class WithoutTimeoutScheduler extends ScheduledThreadPoolExecutor {

        WithoutTimeoutScheduler() {
            super(1, task -> {
                Thread thread = new Thread(task, "parley-tyrus-timer");
                thread.setDaemon(true);
                return thread;
            });
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return delay <= 0 ? NotRun.INSTANCE : super.schedule(command, delay, unit);
        }
    }

    private static final class NotRun implements ScheduledFuture<Object> {
        static final NotRun INSTANCE = new NotRun();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
