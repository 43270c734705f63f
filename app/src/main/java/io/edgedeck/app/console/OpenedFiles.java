package io.edgedeck.app.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Files the operating system asks the running console to open (macOS: a double-click in Finder or "Open With" arrives
 * as an event, not as an argument). The first regular file among them goes, on the FX thread, to the same place as
 * {@code edgedeck firmware.bin}: the Flash tab, which checks the image before anything is written. Any other files of
 * the same event are named in the log and left alone (the Flash tab holds one image).
 */
final class OpenedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(OpenedFiles.class);

    private final Executor fxThread;
    private final Consumer<Path> openFlashImage;

    /**
     * @param fxThread       runs on the FX thread ({@code Platform::runLater})
     * @param openFlashImage shows the Flash tab with the image (called on {@code fxThread})
     */
    OpenedFiles(Executor fxThread, Consumer<Path> openFlashImage) {
        this.fxThread = fxThread;
        this.openFlashImage = openFlashImage;
    }

    /** Called by the platform's event (any thread); returns the file that is opened, or null when none can be. */
    Path opened(List<File> files) {
        Path chosen = null;
        for (File f : files == null ? List.<File>of() : files) {
            Path p = f.toPath().toAbsolutePath();
            if (chosen == null && Files.isRegularFile(p)) {
                chosen = p;
            } else if (chosen == null) {
                LOG.warn("Asked to open {}, which is not a file", p);
            } else {
                LOG.info("Asked to open {} too; the Flash tab holds one image ({})", p, chosen.getFileName());
            }
        }
        if (chosen != null) {
            Path image = chosen;
            LOG.info("Opening {} on the Flash tab (sent by the desktop)", image);
            fxThread.execute(() -> openFlashImage.accept(image));
        }
        return chosen;
    }
}
