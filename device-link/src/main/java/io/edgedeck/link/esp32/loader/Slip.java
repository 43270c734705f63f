package io.edgedeck.link.esp32.loader;

import java.io.ByteArrayOutputStream;

/** SLIP framing as the ESP ROM loader uses it: {@code C0 … C0}, with {@code C0 → DB DC} and {@code DB → DB DD}. */
public final class Slip {

    public static final int END = 0xC0;
    public static final int ESC = 0xDB;
    public static final int ESC_END = 0xDC;
    public static final int ESC_ESC = 0xDD;

    private Slip() {
    }

    /** Wraps one packet into a frame (escape after the packet's size and checksum were computed). */
    public static byte[] encode(byte[] packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(packet.length + packet.length / 64 + 2);
        out.write(END);
        for (byte b : packet) {
            int v = b & 0xFF;
            if (v == END) {
                out.write(ESC);
                out.write(ESC_END);
            } else if (v == ESC) {
                out.write(ESC);
                out.write(ESC_ESC);
            } else {
                out.write(v);
            }
        }
        out.write(END);
        return out.toByteArray();
    }
}
