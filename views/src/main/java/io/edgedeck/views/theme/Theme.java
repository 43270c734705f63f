package io.edgedeck.views.theme;

import javafx.scene.paint.Color;

import java.util.Objects;

/**
 * A look of the console: its stylesheet (colours only; sizes live in edgedeck.css) and the colours of the parts CSS
 * cannot reach — TilesFX tiles and the JFreeChart history chart.
 */
public enum Theme {
    DARK("theme-dark.css",
            new TilePalette(Color.web("#23272f"), Color.web("#e6e9ef"), Color.web("#9aa3b2"),
                    Color.web("#4cc38a"), Color.web("#f0b429"), Color.web("#ef5b5b")),
            new ChartPalette(0x1b1e24, 0x333842, 0xb8c0cc, 0x4da3ff)),
    LIGHT("theme-light.css",
            new TilePalette(Color.web("#ffffff"), Color.web("#1f2430"), Color.web("#5b6474"),
                    Color.web("#16804f"), Color.web("#a86a00"), Color.web("#c62828")),
            new ChartPalette(0xffffff, 0xdde1e8, 0x3d4452, 0x1f6fd1));

    private final String stylesheet;
    private final TilePalette tiles;
    private final ChartPalette chart;

    Theme(String stylesheet, TilePalette tiles, ChartPalette chart) {
        this.stylesheet = stylesheet;
        this.tiles = tiles;
        this.chart = chart;
    }

    /** The theme's stylesheet URL, to add after edgedeck.css. */
    public String stylesheet() {
        return Objects.requireNonNull(Theme.class.getResource(stylesheet), stylesheet + " missing").toExternalForm();
    }

    public TilePalette tiles() {
        return tiles;
    }

    public ChartPalette chart() {
        return chart;
    }

    /** Colours of a device tile: TilesFX paints them itself. */
    public record TilePalette(Color background, Color text, Color muted, Color green, Color amber, Color red) {
    }

    /** Colours of the history chart as 0xRRGGBB (JFreeChart paints with AWT colours). */
    public record ChartPalette(int background, int grid, int axisText, int line) {
        public java.awt.Color awt(int rgb) {
            return new java.awt.Color(rgb);
        }
    }
}
