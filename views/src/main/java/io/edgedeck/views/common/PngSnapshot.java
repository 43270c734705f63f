package io.edgedeck.views.common;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

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

    /**
     * The window's picture with a dialog's drawn onto it: the window dimmed a little (as behind a modal question), the
     * dialog at {@code (x, y)} in the window's pixels with a one-pixel frame, moved inside the window if it stands
     * partly outside (a window manager would). Call on the FX thread.
     */
    public static WritableImage overlay(Image window, Image dialog, int x, int y) {
        int w = (int) window.getWidth();
        int h = (int) window.getHeight();
        int dw = (int) Math.min(dialog.getWidth(), w - 2);
        int dh = (int) Math.min(dialog.getHeight(), h - 2);
        int left = Math.clamp(x, 1, w - dw - 1);
        int top = Math.clamp(y, 1, h - dh - 1);
        WritableImage out = new WritableImage(w, h);
        PixelReader base = window.getPixelReader();
        PixelWriter pen = out.getPixelWriter();
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                pen.setColor(px, py, base.getColor(px, py).interpolate(Color.BLACK, 0.35));
            }
        }
        for (int px = left - 1; px <= left + dw; px++) {
            pen.setColor(px, top - 1, Color.gray(0.55));
            pen.setColor(px, top + dh, Color.gray(0.55));
        }
        for (int py = top - 1; py <= top + dh; py++) {
            pen.setColor(left - 1, py, Color.gray(0.55));
            pen.setColor(left + dw, py, Color.gray(0.55));
        }
        pen.setPixels(left, top, dw, dh, dialog.getPixelReader(), 0, 0);
        return out;
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
