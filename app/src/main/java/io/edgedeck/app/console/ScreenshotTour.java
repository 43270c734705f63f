package io.edgedeck.app.console;

import io.edgedeck.views.MainWindow;
import io.edgedeck.views.Screen;
import io.edgedeck.views.common.PngSnapshot;
import io.edgedeck.views.theme.ThemeChoice;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * {@code --screenshot-all DIR}: after a delay (the demo fleet fills the database), shows every tab in the dark and
 * the light theme and saves each as {@code DIR/<tab>-<theme>.png}, plus the README's {@code dashboard.png} (dark);
 * then closes the window. Keeps docs/screenshots current (docs/screenshots/update.sh).
 */
final class ScreenshotTour {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenshotTour.class);
    private static final javafx.util.Duration SETTLE = javafx.util.Duration.millis(2500);

    private record Shot(ThemeChoice theme, Screen screen, List<Path> files) {
    }

    private final Stage stage;
    private final MainWindow window;
    private final ExecutorService writer;
    private final List<Shot> shots = new ArrayList<>();

    ScreenshotTour(Stage stage, MainWindow window, Path dir, ExecutorService writer) {
        this.stage = stage;
        this.window = window;
        this.writer = writer;
        for (ThemeChoice theme : List.of(ThemeChoice.DARK, ThemeChoice.LIGHT)) {
            for (Screen s : Screen.values()) {
                String name = s.name().toLowerCase(Locale.ROOT);
                var files = new ArrayList<Path>();
                files.add(dir.resolve(name + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png"));
                if (theme == ThemeChoice.DARK && s == Screen.DASHBOARD) {
                    files.add(dir.resolve(name + ".png"));
                }
                shots.add(new Shot(theme, s, files));
            }
        }
    }

    void after(Duration delay) {
        var wait = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
        wait.setOnFinished(e -> next(0));
        wait.play();
    }

    private void next(int i) {
        if (i >= shots.size()) {
            writer.execute(() -> Platform.runLater(stage::close)); // after the last file is written
            return;
        }
        Shot shot = shots.get(i);
        window.appearance().choiceProperty().set(shot.theme());
        window.screenProperty().set(shot.screen());
        var settle = new PauseTransition(SETTLE); // History reads the database in the background
        settle.setOnFinished(e -> {
            WritableImage image = PngSnapshot.take(stage.getScene());
            writer.execute(() -> {
                for (Path f : shot.files()) {
                    try {
                        PngSnapshot.write(image, f);
                        LOG.info("Screenshot saved to {}", f);
                    } catch (IOException ex) {
                        LOG.error("Screenshot {} failed: {}", f, ex.getMessage());
                    }
                }
            });
            next(i + 1);
        });
        settle.play();
    }
}
