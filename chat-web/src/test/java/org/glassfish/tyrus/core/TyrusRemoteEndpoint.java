package org.glassfish.tyrus.core;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.Future;

/** A stand-in for Tyrus's remote endpoint: the {@code webSocket} field the application reaches. */
public abstract class TyrusRemoteEndpoint implements RemoteEndpoint {

    final TyrusWebSocket webSocket;

    TyrusRemoteEndpoint(TyrusWebSocket webSocket) {
        this.webSocket = webSocket;
    }

    /** The asynchronous one, as sessions hand it out. */
    public static class Async extends TyrusRemoteEndpoint implements RemoteEndpoint.Async {

        public Async(TyrusWebSocket webSocket) {
            super(webSocket);
        }

        @Override
        public long getSendTimeout() {
            return 0;
        }

        @Override
        public void setSendTimeout(long timeoutmillis) {}

        @Override
        public void sendText(String text, SendHandler handler) {}

        @Override
        public Future<Void> sendText(String text) {
            return null;
        }

        @Override
        public Future<Void> sendBinary(ByteBuffer data) {
            return null;
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler handler) {}

        @Override
        public Future<Void> sendObject(Object data) {
            return null;
        }

        @Override
        public void sendObject(Object data, SendHandler handler) {}
    }

    @Override
    public void setBatchingAllowed(boolean allowed) {}

    @Override
    public boolean getBatchingAllowed() {
        return false;
    }

    @Override
    public void flushBatch() {}

    @Override
    public void sendPing(ByteBuffer applicationData) {}

    @Override
    public void sendPong(ByteBuffer applicationData) {}
}
