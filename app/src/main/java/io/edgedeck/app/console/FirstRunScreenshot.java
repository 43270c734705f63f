package io.edgedeck.app.console;

import io.edgedeck.views.common.PngSnapshot;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.Dialog;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code --screenshot FILE --screenshot-first-run}: shows the first start's question over the window and saves both
 * as one PNG, then closes. Each is taken with the JavaFX snapshot API of its own scene (an X11 capture of the screen
 * showed a black band where the dialog was under Xvfb) and the dialog is drawn onto the window where it stands.
 */
final class FirstRunScreenshot {
    private static final Logger LOG = LoggerFactory.getLogger(FirstRunScreenshot.class);

    private final Stage stage;
    private final Dialog<?> dialog;
    private final Path file;

    FirstRunScreenshot(Stage stage, Dialog<?> dialog, Path file) {
        this.stage = stage;
        this.dialog = dialog;
        this.file = file;
    }

    void after(Duration delay) {
        dialog.show();
        var wait = new PauseTransition(javafx.util.Duration.millis(Math.max(500, delay.toMillis())));
        wait.setOnFinished(e -> shoot());
        wait.play();
    }

    private void shoot() {
        WritableImage window = PngSnapshot.take(stage.getScene());
        WritableImage question = PngSnapshot.take(dialog.getDialogPane().getScene());
        double scale = window.getWidth() / stage.getScene().getWidth();
        int x = (int) Math.round((dialog.getX() - stage.getX() - stage.getScene().getX()) * scale);
        int y = (int) Math.round((dialog.getY() - stage.getY() - stage.getScene().getY()) * scale);
        WritableImage picture = PngSnapshot.overlay(window, question, x, y);
        dialog.close();
        Thread writer = new Thread(() -> {
            try {
                PngSnapshot.write(picture, file);
                LOG.info("Screenshot of the first-run question saved to {}", file);
            } catch (IOException ex) {
                LOG.error("Screenshot failed: {}", ex.getMessage());
            }
            Platform.runLater(stage::close);
        }, "edgedeck-screenshot");
        writer.start();
    }
}
