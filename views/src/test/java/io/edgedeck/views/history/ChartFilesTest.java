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

    static SeriesResult stacked() {
        List<SeriesResult.Field> fields = new ArrayList<>();
        for (Metric m : List.of(Metric.VOLTAGE, Metric.CURRENT, Metric.POWER)) {
            List<SeriesPoint> ps = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                double power = 100 + 50 * Math.sin(i / 30.0);
                double v = switch (m) {
                    case VOLTAGE -> 230 + Math.sin(i / 7.0);
                    case CURRENT -> power / 230;
                    default -> power;
                };
                ps.add(new SeriesPoint(T.toEpochMilli() + i * 6_000L, v));
            }
            fields.add(new SeriesResult.Field(m, ps));
        }
        var q = new SeriesQuery("plug-1", Metric.VOLTAGE, T, T.plusSeconds(3600), 1500);
        return new SeriesResult(q, fields.getFirst().points(), Resolution.RAW, List.of(), List.of(), fields);
    }

    @Test
    void theStackedChartHasASubplotPerFieldWithItsUnitAndGoesToPngAndPdf(@TempDir Path dir) throws Exception {
        var chart = StackedChart.forFile(stacked(), "plug-1 · voltage, current, power");
        var plot = (org.jfree.chart.plot.CombinedDomainXYPlot) chart.getPlot();
        assertThat(plot.getSubplots()).extracting(p -> p.getRangeAxis().getLabel())
                .containsExactly("Voltage (V)", "Current (A)", "Power (W)");
        assertThat(plot.getSubplots()).allSatisfy(p -> assertThat(p.getDataset().getItemCount(0)).isEqualTo(600));

        Path png = dir.resolve("stacked.png");
        ChartFiles.write(chart, png);
        var image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(ChartFiles.WIDTH);
        // each subplot's line is drawn in its own third of the picture (top to bottom: voltage, current, power)
        int[] rowsWithInk = new int[3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                int k = rgb == 0xb08000 ? 0 : rgb == 0x1a8a4a ? 1 : rgb == 0x1f5fbf ? 2 : -1;
                if (k >= 0) {
                    rowsWithInk[k] = Math.max(rowsWithInk[k], y);
                }
            }
        }
        assertThat(rowsWithInk[0]).isPositive().isLessThan(rowsWithInk[1]);
        assertThat(rowsWithInk[1]).isLessThan(rowsWithInk[2]);

        Path pdf = dir.resolve("stacked.pdf");
        ChartFiles.write(chart, pdf);
        assertThat(new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1)).startsWith("%PDF-").contains("%%EOF");
    }
}
