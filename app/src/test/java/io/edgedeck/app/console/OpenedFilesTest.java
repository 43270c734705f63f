package io.edgedeck.app.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A file opened through the desktop's event (macOS) goes to the Flash tab like {@code edgedeck firmware.bin}. */
class OpenedFilesTest {
    @TempDir
    Path dir;

    final List<Runnable> fxQueue = new ArrayList<>();
    final List<Path> flashTab = new ArrayList<>();
    final OpenedFiles files = new OpenedFiles(fxQueue::add, flashTab::add);

    void runFxQueue() {
        fxQueue.forEach(Runnable::run);
        fxQueue.clear();
    }

    @Test
    void theFirstFileOpensOnTheFlashTabOnTheFxThread() throws Exception {
        Path image = Files.write(dir.resolve("firmware.bin"), new byte[]{(byte) 0xE9});
        Path other = Files.write(dir.resolve("other.bin"), new byte[]{(byte) 0xE9});

        assertThat(files.opened(List.of(image.toFile(), other.toFile()))).isEqualTo(image);
        assertThat(flashTab).as("nothing happens off the FX thread").isEmpty();
        runFxQueue();
        assertThat(flashTab).containsExactly(image);
    }

    @Test
    void aFolderOrAMissingFileIsPassedOverForTheNextFile() throws Exception {
        Path image = Files.write(dir.resolve("app.bin"), new byte[]{1});
        File missing = dir.resolve("gone.bin").toFile();

        assertThat(files.opened(List.of(dir.toFile(), missing, image.toFile()))).isEqualTo(image);
        runFxQueue();
        assertThat(flashTab).containsExactly(image);
    }

    @Test
    void nothingToOpenOpensNothing() {
        assertThat(files.opened(List.of(dir.resolve("gone.bin").toFile()))).isNull();
        assertThat(files.opened(List.of())).isNull();
        assertThat(files.opened(null)).isNull();
        assertThat(fxQueue).isEmpty();
    }

    @Test
    void onlyMacOsSendsOpenedFilesAsEvents() {
        assertThat(DesktopOpenFileEvents.sentAsEvents("Mac OS X")).isTrue();
        assertThat(DesktopOpenFileEvents.sentAsEvents("Linux")).isFalse();
        assertThat(DesktopOpenFileEvents.sentAsEvents("Windows 11")).isFalse();
        assertThat(DesktopOpenFileEvents.sentAsEvents(null)).isFalse();
    }

    @Test
    void elsewhereListeningIsANoOp() {
        org.junit.jupiter.api.Assumptions.assumeFalse(DesktopOpenFileEvents.sentAsEvents(System.getProperty("os.name")));
        assertThat(DesktopOpenFileEvents.listen(files)).isFalse();
    }
}
