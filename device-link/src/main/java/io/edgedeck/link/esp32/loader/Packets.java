package io.edgedeck.link.esp32.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Request encoding and response decoding (before SLIP): {@code dir, op, u16 size, u32 checksum|value, data}. */
public final class Packets {

    public static final int HEADER = 8;
    /** The ESP32 ROM ends every response with 4 status bytes (status, error, 0, 0); the stub sends 2. */
    public static final int ROM_STATUS_BYTES = 4;

    private Packets() {
    }

    public static byte[] request(Command c) {
        byte[] data = c.payload();
        ByteBuffer b = ByteBuffer.allocate(HEADER + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x00).put((byte) c.opcode().code()).putShort((short) data.length).putInt(c.checksum()).put(data);
        return b.array();
    }

    /**
     * Parses a response frame.
     *
     * @return the response, or {@code null} when the frame is not a well-formed response (wrong direction, size field
     *         disagreeing with the frame, no room for the status bytes)
     */
    public static Response parse(byte[] frame) {
        if (frame.length < HEADER || frame[0] != 0x01) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        int op = b.get(1) & 0xFF;
        int size = b.getShort(2) & 0xFFFF;
        long value = b.getInt(4) & 0xFFFFFFFFL;
        if (frame.length != HEADER + size) {
            return null;
        }
        Opcode opcode = Opcode.of(op);
        int dataLen = opcode == null ? 0 : opcode.responseDataLength();
        if (opcode == Opcode.GET_SECURITY_INFO && size >= ROM_STATUS_BYTES) {
            dataLen = size - ROM_STATUS_BYTES; // 20 bytes on chips that support it, none on the ESP32
        }
        if (size < dataLen + 2) {
            return null;
        }
        byte[] data = Arrays.copyOfRange(frame, HEADER, HEADER + dataLen);
        int status = frame[HEADER + dataLen] & 0xFF;
        int error = frame[HEADER + dataLen + 1] & 0xFF;
        return new Response(op, value, data, status, error);
    }
}
