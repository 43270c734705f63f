package io.edgedeck.bench;

import io.edgedeck.link.esp32.flash.CancelToken;
import io.edgedeck.link.esp32.flash.FlashJob;
import io.edgedeck.link.esp32.flash.FlashProgress;
import io.edgedeck.link.esp32.flash.FlashResult;
import io.edgedeck.link.esp32.flash.Phase;
import io.edgedeck.link.esp32.flash.Region;
import io.edgedeck.link.esp32.sim.SimBoard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Flashes an image through the simulated ROM over an in-memory cable throttled to 921600 baud (92,160 B/s each way),
 * end to end: connect and SYNC at 115200, detect, attach, change baud, compressed write, MD5 verify, hard reset.
 * Prints wall time, bytes on the wire and the ratio of the link's theoretical minimum time to the measured time
 * (minimum = every wire byte at its baud rate, both directions back to back: the ROM protocol is request/answer).
 * The simulated flash writes and erases take no time: this measures the protocol and the link, not a flash chip.
 *
 * <p>Run: {@code bench/flash [image.bin] [--no-compress]} from the repository root.
 */
public final class FlashBenchmark {

    private static final int BAUD = 921_600;

    public static void main(String[] args) throws IOException {
        boolean compress = !Arrays.asList(args).contains("--no-compress");
        Path fixtures = Path.of("..", "shared", "fixtures", "esp32");
        if (!Files.isDirectory(fixtures)) {
            fixtures = Path.of("..", "..", "shared", "fixtures", "esp32");
        }
        byte[] image = args.length > 0 && !args[0].startsWith("--") ? Files.readAllBytes(Path.of(args[0])) : oneMiB(fixtures);
        run("warm-up", Arrays.copyOf(image, 64 * 1024), compress, false);
        run("1 MiB image", image, compress, true);
        Path hello = fixtures.resolve("hello_world_idf5.2.2.bin");
        if (Files.exists(hello)) {
            run("hello_world_idf5.2.2.bin (esptool: ~1,240 kbit/s)", Files.readAllBytes(hello), compress, true);
        }
    }

    /** 1 MiB made of real ESP32 apps back to back when the fixtures are at hand (realistic compressibility). */
    private static byte[] oneMiB(Path fixtures) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> apps = List.of("hello_world_idf5.2.2.bin", "hello_world_idf5.1.bin", "hello-world_idf4.2-dev.bin",
                "hello-world-signed_sbv1_idf3.3.bin");
        if (Files.exists(fixtures.resolve(apps.getFirst()))) {
            while (out.size() < 1 << 20) {
                for (String a : apps) {
                    out.write(Files.readAllBytes(fixtures.resolve(a)));
                }
            }
            return Arrays.copyOf(out.toByteArray(), 1 << 20);
        }
        return SimBoard.firmware(1 << 20, 42);
    }

    private static void run(String label, byte[] image, boolean compress, boolean print) {
        try (SimBoard board = new SimBoard(c -> c.throttled(true), r -> r)) {
            long[] atWrite = new long[3];
            long[] atVerify = new long[1];
            FlashProgress mark = p -> {
                if (p.phase() == Phase.VERIFYING && atVerify[0] == 0) {
                    atVerify[0] = System.nanoTime();
                }
                if (p.phase() == Phase.ERASING && p.region() == 0 && atWrite[0] == 0) {
                    atWrite[0] = System.nanoTime();
                    atWrite[1] = board.cable.bytesHostToDevice();
                    atWrite[2] = board.cable.bytesDeviceToHost();
                }
            };
            long t0 = System.nanoTime();
            FlashResult r = board.flasher.flash(FlashJob.of("sim", List.of(new Region(0x10000, image)))
                    .withBaud(BAUD).withCompress(compress), mark, new CancelToken());
            double wall = (System.nanoTime() - t0) / 1e9;
            if (!print) {
                return;
            }
            long up = board.cable.bytesHostToDevice();
            long down = board.cable.bytesDeviceToHost();
            double connectWire = (atWrite[1] + atWrite[2]) / (115_200 / 10.0);
            double writeWire = (up - atWrite[1] + down - atWrite[2]) / (BAUD / 10.0);
            double minimum = connectWire + writeWire;
            double connectWall = (atWrite[0] - t0) / 1e9;
            System.out.printf("%s, %s, %,d bytes, verified=%s%n", label, compress ? "compressed" : "uncompressed",
                    image.length, r.regions().getFirst().verified());
            System.out.printf("  wall %.3f s (connect+baud change %.3f s, write+verify %.3f s)%n", wall, connectWall,
                    wall - connectWall);
            System.out.printf("  wire: %,d bytes to the board, %,d from it (%,d + %,d during connect at 115200)%n",
                    up, down, atWrite[1], atWrite[2]);
            System.out.printf("  theoretical minimum %.3f s -> ratio %.3f end to end; write+verify phase alone %.3f%n",
                    minimum, minimum / wall, writeWire / (wall - connectWall));
            double writeOnly = (atVerify[0] - atWrite[0]) / 1e9;
            System.out.printf("  payload rate %,.0f kbit/s end to end (reset, sync, write, verify, reset);"
                    + " %,.0f kbit/s for the write alone (%.3f s, esptool's 'effective' figure)%n",
                    image.length * 8 / wall / 1000, image.length * 8 / writeOnly / 1000, writeOnly);
        }
    }
}
