package dev.parley.chat.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A WebSocket client over a plain socket that reads frames but never answers anything, not even
 * a close frame: a peer that hangs, or a hostile one. Unmasked client frames are never sent.
 */
final class SilentPeer implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    /** A frame as received: opcode, and the payload as text (a close frame's starts with the code). */
    record Frame(int opcode, byte[] payload) {
        int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String text() {
            return new String(
                    payload, opcode == 8 ? 2 : 0, payload.length - (opcode == 8 ? 2 : 0), StandardCharsets.UTF_8);
        }
    }

    SilentPeer(URI uri) throws IOException {
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(10_000);
        socket.getOutputStream()
                .write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        in = socket.getInputStream();
        String headers = readHeaders();
        if (!headers.startsWith("HTTP/1.1 101")) {
            throw new IOException("not upgraded: " + headers);
        }
    }

    /** The next frame, skipping pings. */
    Frame next() throws IOException {
        while (true) {
            int first = readByte();
            int second = readByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
            }
            byte[] payload = in.readNBytes((int) length);
            int opcode = first & 0x0F;
            if (opcode != 9) {
                return new Frame(opcode, payload);
            }
        }
    }

    /** How long until the server ends the TCP connection, reading (and dropping) whatever comes. */
    Duration untilTheServerHangsUp(Duration atMost) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout((int) atMost.toMillis());
        try {
            while (in.read() >= 0) {
                // nothing more should come; whatever does is not answered
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + atMost);
        } catch (IOException reset) {
            // a reset ends it too
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("the server hung up");
        }
        return b;
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        while (!headers.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            headers.write(readByte());
        }
        return headers.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
