package dev.parley.chat.room.control;

import jakarta.enterprise.event.Event;
import java.lang.reflect.Proxy;
import java.util.List;

/** A CDI {@link Event} that only records what is fired, for tests without a container. */
public final class RecordingEvents {

    private RecordingEvents() {}

    @SuppressWarnings("unchecked")
    public static <T> Event<T> into(List<? super T> fired) {
        return (Event<T>) Proxy.newProxyInstance(
                RecordingEvents.class.getClassLoader(), new Class<?>[] {Event.class}, (proxy, method, args) -> {
                    if (method.getName().equals("fire")) {
                        fired.add((T) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A {@link LocalFanout} whose deliveries and signals land in the given lists. */
    public static LocalFanout localFanout(List<Object> delivered) {
        LocalFanout fanout = new LocalFanout();
        fanout.delivery = into(delivered);
        fanout.signals = into(delivered);
        return fanout;
    }
}
