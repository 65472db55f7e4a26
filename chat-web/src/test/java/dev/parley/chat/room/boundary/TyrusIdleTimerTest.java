package dev.parley.chat.room.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.core.BaseContainer;
import org.junit.jupiter.api.Test;

class TyrusIdleTimerTest {

    @Test
    void reArmingWithoutATimeoutRunsNothingButARealDelayStillRuns() throws Exception {
        TyrusIdleTimer.WithoutTimeoutScheduler scheduler = new TyrusIdleTimer.WithoutTimeoutScheduler();
        try {
            AtomicInteger runs = new AtomicInteger();
            Runnable idleCheck = runs::incrementAndGet; // Tyrus schedules a Runnable
            ScheduledFuture<?> none = scheduler.schedule(idleCheck, 0, TimeUnit.MILLISECONDS);
            assertThat(none.isDone()).isTrue();
            assertThat(none.cancel(true)).isFalse();

            CountDownLatch ran = new CountDownLatch(1);
            scheduler.schedule(ran::countDown, 20, TimeUnit.MILLISECONDS);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(runs).hasValue(0);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aSessionThatIsNotTyrusIsLeftAlone() {
        Session other = (Session) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Session.class}, (proxy, method, args) -> null);
        assertThatCode(() -> TyrusIdleTimer.disable(other)).doesNotThrowAnyException();
    }

    @Test
    void aContainerThatIsNotTyrusIsLeftAlone() {
        Object other = new Object();
        assertThatCode(() -> TyrusIdleTimer.disableForContainer(other)).doesNotThrowAnyException();
    }

    @Test
    void aTyrusContainersSessionsScheduleOnTheTimerWithoutTimeoutInsteadOfTheManagedOne() {
        ScheduledExecutorService managed = Executors.newSingleThreadScheduledExecutor();
        try {
            BaseContainer container = new BaseContainer(managed) {}; // a subclass, like TyrusServerContainer
            TyrusIdleTimer.disableForContainer(container);
            assertThat(container.getScheduledExecutorService())
                    .isInstanceOf(TyrusIdleTimer.WithoutTimeoutScheduler.class);

            BaseContainer withoutManaged = new BaseContainer(null);
            TyrusIdleTimer.disableForContainer(withoutManaged);
            assertThat(withoutManaged.getScheduledExecutorService())
                    .as("Tyrus makes its own plain scheduler then")
                    .isNull();
        } finally {
            managed.shutdownNow();
        }
    }
}
