package io.edgedeck.link.esp32.sim;

import io.edgedeck.link.esp32.flash.Esp32Flasher;
import io.edgedeck.link.esp32.flash.LinkOpener;
import io.edgedeck.link.esp32.ops.BoardAccess;
import io.edgedeck.link.serial.MemorySerialPair;
import io.edgedeck.link.serial.SerialLink;

import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A simulated ESP32 on an in-memory cable, and an {@link Esp32Flasher} and a {@link BoardAccess} (for the ops
 * package's SafeFlash) that reach it through any port name.
 */
public final class SimBoard implements AutoCloseable {

    public final MemorySerialPair cable;
    public final SimulatedRom rom;
    public final Esp32Flasher flasher;
    public final BoardAccess access;

    public SimBoard(UnaryOperator<MemorySerialPair> cableSetup, UnaryOperator<SimulatedRom> romSetup) {
        cable = cableSetup.apply(new MemorySerialPair(115_200));
        rom = romSetup.apply(new SimulatedRom(cable.device())).start();
        cable.onHostControlLines(rom::controlLines);
        LinkOpener opener = (port, baud) -> {
            SerialLink host = cable.host();
            host.setBaudRate(baud);
            return host;
        };
        access = new BoardAccess(opener, 2);
        flasher = access.flasher();
    }

    public SimBoard() {
        this(c -> c, r -> r);
    }

    /** Firmware-like bytes: a mix of repeated structures and noise, compressing to roughly 55–65 %. */
    public static byte[] firmware(int size, long seed) {
        Random rnd = new Random(seed);
        byte[] b = new byte[size];
        String[] words = {"esp_wifi_", "nvs_flash", "\0\0\0\0", "xTaskCreate", "0x3F400000", "httpd_", "E (%d) %s: "};
        int i = 0;
        while (i < size) {
            if (rnd.nextInt(3) == 0) {
                byte[] w = words[rnd.nextInt(words.length)].getBytes();
                for (int k = 0; k < w.length && i < size; k++) {
                    b[i++] = w[k];
                }
            } else {
                int n = 1 + rnd.nextInt(12);
                for (int k = 0; k < n && i < size; k++) {
                    b[i++] = (byte) rnd.nextInt(256);
                }
            }
        }
        b[0] = (byte) 0xE9;
        return b;
    }

    @Override
    public void close() {
        rom.close();
        cable.host().close();
        cable.device().close();
    }
}
