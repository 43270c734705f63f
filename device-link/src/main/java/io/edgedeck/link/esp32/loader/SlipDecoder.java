package io.edgedeck.link.esp32.loader;

import java.io.ByteArrayOutputStream;

/**
 * Turns a byte stream into SLIP frames, skipping whatever lies between frames (boot text, noise). The last bytes of
 * that skipped text are kept: they tell why a board did not answer ({@code boot:0x13} = GPIO0 was not low).
 */
public final class SlipDecoder {

    private static final int NOISE_KEPT = 1024;

    private final ByteArrayOutputStream frame = new ByteArrayOutputStream(2048);
    private final StringBuilder noise = new StringBuilder();
    private boolean inFrame;
    private boolean escaped;
    private int badEscapes;

    /**
     * Feeds one byte.
     *
     * @return a complete frame's content, or {@code null}
     */
    public byte[] feed(int b) {
        b &= 0xFF;
        if (!inFrame) {
            if (b == Slip.END) {
                inFrame = true;
                frame.reset();
                escaped = false;
            } else {
                addNoise(b);
            }
            return null;
        }
        if (escaped) {
            escaped = false;
            if (b == Slip.ESC_END) {
                frame.write(Slip.END);
            } else if (b == Slip.ESC_ESC) {
                frame.write(Slip.ESC);
            } else {
                badEscapes++;
                frame.write(b);
            }
            return null;
        }
        if (b == Slip.ESC) {
            escaped = true;
            return null;
        }
        if (b == Slip.END) {
            if (frame.size() == 0) {
                // two END in a row: the second one opens the next frame (resynchronisation after noise)
                return null;
            }
            inFrame = false;
            return frame.toByteArray();
        }
        frame.write(b);
        return null;
    }

    /** Forgets a half-received frame (after a timeout or a baud change). */
    public void reset() {
        inFrame = false;
        escaped = false;
        frame.reset();
    }

    /** Printable text seen between frames, most recent last (at most 1 KiB). */
    public String noise() {
        return noise.toString();
    }

    public void clearNoise() {
        noise.setLength(0);
    }

    /** Invalid escape sequences seen so far (a sign of a garbled link). */
    public int badEscapes() {
        return badEscapes;
    }

    private void addNoise(int b) {
        if (b == '\n' || b == '\r' || (b >= 0x20 && b < 0x7F)) {
            noise.append((char) b);
            if (noise.length() > NOISE_KEPT) {
                noise.delete(0, noise.length() - NOISE_KEPT);
            }
        }
    }
}
