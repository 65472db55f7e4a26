package dev.parley.chat.room.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.chat.room.control.OutboundFrame;
import dev.parley.chat.room.control.Outbox;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionSinkTest {

    @Test
    void aWriteThatFailsInsideItsOwnSendClosesAtOnceInsteadOfWaitingForItself() {
        List<CloseReason> closes = new CopyOnWriteArrayList<>();
        Session session =
                session(closes, (text, handler) -> handler.onResult(new SendResult(new IOException("reset"))));
        SessionSink sink = new SessionSink(session);
        sink.upgraded();
        Outbox outbox = new Outbox(sink, 10);
        outbox.open(List.of(), 0, 0);

        long start = System.nanoTime();
        outbox.offer(OutboundFrame.of("{\"type\":\"pong\"}"));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // the close used to wait out its 500 ms bound for the very send it was called from
        assertThat(tookMillis).isLessThan(250);
        assertThat(outbox.isClosed()).isTrue();
        assertThat(closes)
                .singleElement()
                .satisfies(reason -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1001));
    }

    @Test
    void noFrameIsSentOnceTheCloseHasBegun() {
        List<String> sent = new CopyOnWriteArrayList<>();
        SessionSink sink = new SessionSink(session(new CopyOnWriteArrayList<>(), (text, handler) -> {
            sent.add(text);
            handler.onResult(new SendResult());
        }));
        List<Boolean> results = new CopyOnWriteArrayList<>();
        sink.send("first", results::add);
        sink.closing();
        sink.send("second", results::add);

        assertThat(sent).containsExactly("first");
        assertThat(results).containsExactly(true, false);
    }

    @Test
    void aCloseDuringTheOpenGoesOutAfterTheUpgradeAndNothingIsSentMeanwhile() throws InterruptedException {
        List<CloseReason> closes = new CopyOnWriteArrayList<>();
        List<String> sent = new CopyOnWriteArrayList<>();
        SessionSink sink = new SessionSink(session(closes, (text, handler) -> {
            sent.add(text);
            handler.onResult(new SendResult());
        }));

        sink.close(1008, "removed from this room");
        sink.upgraded();
        assertThat(closes).as("closed inside the upgrade").isEmpty();
        List<Boolean> results = new CopyOnWriteArrayList<>();
        sink.send("{\"type\":\"welcome\"}", results::add);
        assertThat(sent).isEmpty();
        assertThat(results).containsExactly(false);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (closes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(closes).singleElement().satisfies(reason -> {
            assertThat(reason.getCloseCode().getCode()).isEqualTo(1008);
            assertThat(reason.getReasonPhrase()).isEqualTo("removed from this room");
        });
    }

    @Test
    void aCloseAfterTheOpenGoesOutAtOnce() {
        List<CloseReason> closes = new CopyOnWriteArrayList<>();
        SessionSink sink = new SessionSink(session(closes, (text, handler) -> handler.onResult(new SendResult())));
        sink.upgraded();

        sink.close(1008, "token_expired");

        assertThat(closes)
                .singleElement()
                .satisfies(reason -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1008));
    }

    private interface TextSend {
        void send(String text, SendHandler handler);
    }

    private static Session session(List<CloseReason> closes, TextSend send) {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                SessionSinkTest.class.getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2 && args[1] instanceof SendHandler) {
                        send.send((String) args[0], (SendHandler) args[1]);
                    }
                    return null;
                });
        boolean[] open = {true};
        return (Session) Proxy.newProxyInstance(
                SessionSinkTest.class.getClassLoader(), new Class<?>[] {Session.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAsyncRemote":
                            return async;
                        case "isOpen":
                            return open[0];
                        case "close":
                            open[0] = false;
                            if (args != null && args.length == 1) {
                                closes.add((CloseReason) args[0]);
                            }
                            return null;
                        default:
                            return null;
                    }
                });
    }
}
