package io.edgedeck.app.console;

import io.edgedeck.views.common.PngSnapshot;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Saves the window as a PNG after a delay and closes it: keeps the README's screenshots current. */
final class ScreenshotTaker {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenshotTaker.class);

    private final Stage stage;
    private final Path file;
    private final int tab;

    ScreenshotTaker(Stage stage, Path file, int tab) {
        this.stage = stage;
        this.file = file;
        this.tab = tab;
    }

    void after(Duration delay) {
        PauseTransition selectTab = new PauseTransition(javafx.util.Duration.millis(Math.max(0, delay.toMillis() - 3000)));
        selectTab.setOnFinished(e -> {
            if (stage.getScene().getRoot().lookup(".tab-pane") instanceof TabPane tabs
                    && tab < tabs.getTabs().size()) {
                tabs.getSelectionModel().select(tab);
            }
            PauseTransition shoot = new PauseTransition(javafx.util.Duration.seconds(3));
            shoot.setOnFinished(e2 -> shoot());
            shoot.play();
        });
        selectTab.play();
    }

    private void shoot() {
        WritableImage image = PngSnapshot.take(stage.getScene());
        // encoding and writing the file is I/O: off the FX thread, then close the window back on it
        Thread writer = new Thread(() -> {
            try {
                PngSnapshot.write(image, file);
                LOG.info("Screenshot saved to {}", file);
            } catch (IOException e) {
                LOG.error("Screenshot failed", e);
            }
            Platform.runLater(stage::close);
        }, "edgedeck-screenshot");
        writer.start();
    }
}
