package io.edgedeck.views.common;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A scene as a PNG file: the README's screenshots (./edgedeck --screenshot) and the screenshot tests. */
public final class PngSnapshot {
    private PngSnapshot() {
    }

    /** Takes the snapshot (call on the FX thread). */
    public static WritableImage take(Scene scene) {
        return scene.snapshot(null);
    }

    /** Writes an image taken with {@link #take} (any thread); creates the folder. */
    public static void write(WritableImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
