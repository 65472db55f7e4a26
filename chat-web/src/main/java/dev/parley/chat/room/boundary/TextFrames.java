package dev.parley.chat.room.boundary;

import dev.parley.chat.room.control.OutboundFrame;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Server-to-client WebSocket text frames (RFC 6455, section 5.2: final, unmasked, no extension),
 * several laid end to end in one buffer so that they reach the socket in one write.
 */
final class TextFrames {

    private static final byte FINAL_TEXT = (byte) 0x81;
    private static final int TWO_BYTE_LENGTH = 126;
    private static final int EIGHT_BYTE_LENGTH = 127;

    private TextFrames() {}

    static ByteBuffer of(List<OutboundFrame> frames) {
        int total = 0;
        for (OutboundFrame frame : frames) {
            int length = frame.utf8().length;
            total += headerLength(length) + length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        for (OutboundFrame frame : frames) {
            byte[] payload = frame.utf8();
            buffer.put(FINAL_TEXT);
            if (payload.length < TWO_BYTE_LENGTH) {
                buffer.put((byte) payload.length);
            } else if (payload.length <= 0xFFFF) {
                buffer.put((byte) TWO_BYTE_LENGTH).putShort((short) payload.length);
            } else {
                buffer.put((byte) EIGHT_BYTE_LENGTH).putLong(payload.length);
            }
            buffer.put(payload);
        }
        return buffer.flip();
    }

    private static int headerLength(int payloadLength) {
        if (payloadLength < TWO_BYTE_LENGTH) {
            return 2;
        }
        return payloadLength <= 0xFFFF ? 4 : 10;
    }
}
