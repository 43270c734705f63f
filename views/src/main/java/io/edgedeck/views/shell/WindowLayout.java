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
    /** How much of the title bar must be on a screen to be caught with the mouse. */
    private static final double GRIP = 100;

    /**
     * This layout fitted to the screens there are now: no larger than the screen it is on (or the first one), and
     * moved onto that screen when too little of it would show (a monitor unplugged since, a changed resolution).
     *
     * @param screens the screens' visual bounds (without task bars); the first is the primary one
     */
    public WindowLayout clampTo(List<Rectangle2D> screens) {
        if (screens.isEmpty()) {
            return this;
        }
        Rectangle2D on = screens.stream().filter(this::grippableOn).findFirst().orElse(screens.getFirst());
        double w = Math.max(Math.min(MIN_WIDTH, on.getWidth()), Math.min(width, on.getWidth()));
        double h = Math.max(Math.min(MIN_HEIGHT, on.getHeight()), Math.min(height, on.getHeight()));
        double nx = Math.min(Math.max(x, on.getMinX()), on.getMaxX() - w);
        double ny = Math.min(Math.max(y, on.getMinY()), on.getMaxY() - h);
        if (!grippableOn(on)) { // was on a screen that is gone: centre it on the primary one
            nx = on.getMinX() + (on.getWidth() - w) / 2;
            ny = on.getMinY() + (on.getHeight() - h) / 2;
        }
        return new WindowLayout(nx, ny, w, h, maximized, screen);
    }

    /** The title bar's top strip intersects the screen enough to drag the window. */
    private boolean grippableOn(Rectangle2D s) {
        double overlapX = Math.min(x + width, s.getMaxX()) - Math.max(x, s.getMinX());
        return overlapX >= Math.min(GRIP, width) && y >= s.getMinY() - 1 && y < s.getMaxY() - 30;
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
