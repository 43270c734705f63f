package io.edgedeck.app.cli;

import io.edgedeck.app.AppPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ImageInfoCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EdgeDeckCommand(new AppPaths(dir, dir, dir)))
                .setExecutionExceptionHandler(new ErrorReporter())
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The smallest valid ESP32 app image: one 16-byte DRAM segment, checksum, no appended hash. */
    static byte[] tinyImage() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xE9).put((byte) 1).put((byte) 2).put((byte) 0x20).putInt(0x40080000);
        b.put((byte) 0xEE).put(new byte[3]).putShort((short) 0).put((byte) 0).putShort((short) 0)
                .putShort((short) 399).put(new byte[4]).put((byte) 0);
        b.putInt(0x3FFB0000).putInt(16);
        int checksum = 0xEF;
        for (int i = 0; i < 16; i++) {
            b.put((byte) i);
            checksum ^= i;
        }
        b.position(63);
        b.put((byte) checksum);
        return b.array();
    }

    @Test
    void describesAValidImageAsTextAndJson() throws Exception {
        Path file = dir.resolve("tiny.bin");
        Files.write(file, tinyImage());
        Run text = run("image-info", file.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("Segments: 1").contains("(valid)").contains("0x3ffb0000");

        Run json = run("image-info", "--json", file.toString());
        assertThat(json.code()).isZero();
        assertThat(json.out()).startsWith("{").contains("\"segment_count\"");
    }

    @Test
    void aDamagedImageIsRefusedWithExitCode5() throws Exception {
        byte[] bytes = tinyImage();
        bytes[40] ^= 0x01; // a segment byte: checksum no longer matches
        Path file = dir.resolve("damaged.bin");
        Files.write(file, bytes);
        Run r = run("image-info", file.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.IMAGE_REFUSED);
        assertThat(r.out()).contains("invalid");

        Path junk = dir.resolve("notes.txt");
        Files.writeString(junk, "hello, not firmware");
        Run j = run("image-info", junk.toString());
        assertThat(j.code()).isEqualTo(ExitCodes.IMAGE_REFUSED);
    }

    @Test
    void aMissingFileIsABadArgument() {
        Run r = run("image-info", dir.resolve("nope.bin").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("there is no file");
    }

    @Test
    void agreesWithEsptoolOnARealImage() throws Exception {
        Path fixtures = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (fixtures != null && !Files.exists(fixtures.resolve("mvnw"))) {
            fixtures = fixtures.getParent();
        }
        Path bin = fixtures == null ? null : fixtures.resolveSibling("shared/fixtures/esp32/hello_world_idf5.2.2.bin");
        Assumptions.assumeTrue(bin != null && Files.exists(bin),
                "skipped: ../shared/fixtures/esp32 is not beside this clone (real ESP32 images)");
        Run r = run("image-info", bin.toString());
        assertThat(r.code()).isZero();
        String expected = Files.readString(bin.resolveSibling("hello_world_idf5.2.2.image_info.txt"));
        String fromSize = expected.substring(expected.indexOf("Image size"));
        for (String line : fromSize.lines().filter(l -> !l.isBlank()).toList()) {
            assertThat(r.out()).contains(line.strip());
        }
    }
}
