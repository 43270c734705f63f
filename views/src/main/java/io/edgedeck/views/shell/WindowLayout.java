package io.edgedeck.views.shell;

import javafx.geometry.Rectangle2D;

import java.util.List;

/**
 * Where the main window was: its normal (not maximised) bounds, whether it was maximised, and the screen (tab) that
 * showed, by name.
 */
public record WindowLayout(double x, double y, double width, double height, boolean maximized, String screen) {
    /** The size of a first start: fits a 1366×768 laptop screen with its panel. */
    public static final double DEFAULT_WIDTH = 1366;
    public static final double DEFAULT_HEIGHT = 720;
    public static final double MIN_WIDTH = 900;
    public static final double MIN_HEIGHT = 600;

    /**
     * This layout fitted to the screens there are now: on the screen that shows most of it, no larger than that
     * screen and wholly on it (so the title bar can be caught); centred on the first screen when no screen shows any
     * of it (a monitor unplugged since, a changed resolution).
     *
     * @param screens the screens' visual bounds (without task bars); the first is the primary one
     */
    public WindowLayout clampTo(List<Rectangle2D> screens) {
        if (screens.isEmpty()) {
            return this;
        }
        Rectangle2D on = screens.stream().filter(sc -> overlap(sc) > 0)
                .max(java.util.Comparator.comparingDouble(this::overlap)).orElse(null);
        boolean gone = on == null; // was on a screen that is not there any more
        if (gone) {
            on = screens.getFirst();
        }
        double w = Math.max(Math.min(MIN_WIDTH, on.getWidth()), Math.min(width, on.getWidth()));
        double h = Math.max(Math.min(MIN_HEIGHT, on.getHeight()), Math.min(height, on.getHeight()));
        double nx = gone ? on.getMinX() + (on.getWidth() - w) / 2 : Math.min(Math.max(x, on.getMinX()), on.getMaxX() - w);
        double ny = gone ? on.getMinY() + (on.getHeight() - h) / 2 : Math.min(Math.max(y, on.getMinY()), on.getMaxY() - h);
        return new WindowLayout(nx, ny, w, h, maximized, screen);
    }

    /** The area of this window on the screen. */
    private double overlap(Rectangle2D s) {
        double ox = Math.min(x + width, s.getMaxX()) - Math.max(x, s.getMinX());
        double oy = Math.min(y + height, s.getMaxY()) - Math.max(y, s.getMinY());
        return ox > 0 && oy > 0 ? ox * oy : 0;
    }

    /** A first start: default size centred on the primary screen, fitted to it. */
    public static WindowLayout firstStart(List<Rectangle2D> screens) {
        Rectangle2D p = screens.isEmpty() ? new Rectangle2D(0, 0, DEFAULT_WIDTH, DEFAULT_HEIGHT) : screens.getFirst();
        double w = Math.min(DEFAULT_WIDTH, p.getWidth());
        double h = Math.min(DEFAULT_HEIGHT, p.getHeight());
        return new WindowLayout(p.getMinX() + (p.getWidth() - w) / 2, p.getMinY() + (p.getHeight() - h) / 2, w, h,
                false, null);
    }
}
