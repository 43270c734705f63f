package io.edgedeck.views.history;

import io.edgedeck.db.Metric;
import io.edgedeck.db.Resolution;
import io.edgedeck.db.SeriesPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart written to files without a window (as the export does, off the FX thread). */
class ChartFilesTest {
    static final Instant T = Instant.parse("2025-11-25T10:00:00Z");

    static SeriesResult result() {
        List<SeriesPoint> now = new ArrayList<>();
        List<SeriesPoint> before = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            now.add(new SeriesPoint(T.toEpochMilli() + i * 6_000L, 100 + 50 * Math.sin(i / 30.0)));
            before.add(new SeriesPoint(T.toEpochMilli() + i * 6_000L, 90 + 40 * Math.cos(i / 30.0)));
        }
        var q = new SeriesQuery("plug-1", Metric.POWER, T, T.plusSeconds(3600), 1500);
        return new SeriesResult(q, now, Resolution.RAW, before);
    }

    @Test
    void pngIsAnImageOfTheExportSize(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("chart.png");
        ChartFiles.write(HistoryChart.forFile(result(), "plug-1 · power"), png);
        var image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(ChartFiles.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartFiles.HEIGHT);
    }

    @Test
    void pdfIsAOnePageVectorDocument(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("chart.pdf");
        ChartFiles.write(HistoryChart.forFile(result(), "plug-1 · power"), pdf);
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF-").contains("/Page").contains("%%EOF");
        assertThat(Files.size(pdf)).isGreaterThan(5_000); // the lines are there, not an empty page
    }

    @Test
    void anotherExtensionIsRefusedInWords(@TempDir Path dir) {
        assertThatThrownBy(() -> ChartFiles.write(HistoryChart.forFile(result(), "x"), dir.resolve("chart.svg")))
                .isInstanceOf(IOException.class).hasMessage("choose a file name ending in .png or .pdf, not chart.svg");
    }
}
