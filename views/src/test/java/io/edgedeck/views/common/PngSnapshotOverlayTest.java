package io.edgedeck.views.common;

import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The first-run screenshot: a dialog's picture drawn onto the window's, where it stands. */
@ExtendWith(ApplicationExtension.class)
class PngSnapshotOverlayTest {
    @Start
    void start(Stage stage) {
        // the toolkit runs; images need no window
    }

    static WritableImage filled(int w, int h, Color c) {
        var image = new WritableImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getPixelWriter().setColor(x, y, c);
            }
        }
        return image;
    }

    @Test
    void theDialogIsDrawnAtItsPlaceOverTheDimmedWindow() throws Exception {
        WritableImage out = WaitForAsyncUtils.asyncFx(
                () -> PngSnapshot.overlay(filled(200, 100, Color.WHITE), filled(50, 20, Color.RED), 60, 30)).get();
        assertThat(out.getWidth()).isEqualTo(200);
        assertThat(out.getHeight()).isEqualTo(100);
        assertThat(out.getPixelReader().getColor(60, 30)).isEqualTo(Color.RED);
        assertThat(out.getPixelReader().getColor(109, 49)).isEqualTo(Color.RED);
        Color window = out.getPixelReader().getColor(5, 5);
        assertThat(window.getBrightness()).as("the window behind is dimmed").isBetween(0.5, 0.8);
        assertThat(out.getPixelReader().getColor(59, 30)).as("a frame around the dialog").isNotEqualTo(window);
    }

    @Test
    void aDialogStandingPartlyOutsideIsMovedInside() throws Exception {
        WritableImage out = WaitForAsyncUtils.asyncFx(
                () -> PngSnapshot.overlay(filled(200, 100, Color.WHITE), filled(50, 20, Color.RED), 180, -40)).get();
        assertThat(out.getPixelReader().getColor(149, 1)).isEqualTo(Color.RED);
        assertThat(out.getPixelReader().getColor(198, 20)).isEqualTo(Color.RED);
        assertThat(out.getPixelReader().getColor(199, 1)).as("the frame's right edge").isNotEqualTo(Color.RED);
    }
}
