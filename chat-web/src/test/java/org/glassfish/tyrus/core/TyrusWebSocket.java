package org.glassfish.tyrus.core;

import jakarta.websocket.SendHandler;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for Tyrus's socket with the members the application reaches by reflection (its
 * state, raw frames, text sends), so that those paths can be tested without a server.
 */
public class TyrusWebSocket {

    private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTED);
    public final List<ByteBuffer> rawFrames = new CopyOnWriteArrayList<>();

    public java.util.concurrent.Future<Object> sendRawFrame(ByteBuffer data) {
        rawFrames.add(data);
        return null;
    }

    public void sendText(String text, SendHandler handler) {}

    public String state() {
        return state.get().name();
    }

    private enum State {
        NEW,
        CONNECTED,
        CLOSING,
        CLOSED
    }
}
