package io.edgedeck.link.esp32.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared ESP32 fixtures (real images with esptool's answers) next to the repository:
 * {@code <repo root>/../shared/fixtures/esp32}. The repository root is the first folder above
 * {@code user.dir} that holds {@code mvnw}. A plain clone has no such folder: the tests that need it skip.
 */
final class Fixtures {
    private Fixtures() {
    }

    static Path folderOrNull() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null || dir.getParent() == null) {
            return null;
        }
        Path folder = dir.getParent().resolve("shared/fixtures/esp32").normalize();
        return Files.isDirectory(folder) ? folder : null;
    }

    /** The fixtures folder; skips the calling test when it is absent. */
    static Path folder() {
        Path folder = folderOrNull();
        assumeTrue(folder != null, "ESP32 fixtures not found at <repo>/../shared/fixtures/esp32 — skipping the "
                + "fixture-agreement tests (they need the shared fixtures next to the checkout)");
        return folder;
    }

    static byte[] read(String name) {
        try {
            return Files.readAllBytes(folder().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code *.expected.json} names of images (not otadata), or an empty list when the folder is absent. */
    static List<String> expectedJsonFiles() {
        Path folder = folderOrNull();
        if (folder == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected.json"))
                    .filter(n -> !n.startsWith("otadata")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
