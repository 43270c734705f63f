package io.edgedeck.views.testing;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Accordion;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Walks the Tab key through a part of a window as a keyboard user would, and judges what it finds: the focus should
 * move in reading order (left to right along a row, then down) and every control it stops at should say what it is to
 * a screen reader (its own text, an accessible text, a label that names it, or at least a tooltip).
 */
public final class TabOrder {
    /** Where the focus stopped: the control (not a part of its skin), its place in the scene and its name. */
    public record Stop(Control control, Bounds bounds, String name) {
        @Override
        public String toString() {
            return name + " @(" + Math.round(bounds.getMinX()) + "," + Math.round(bounds.getMinY()) + ")";
        }
    }

    private TabOrder() {
    }

    /**
     * Focuses {@code first} (pressing Tab once more when it lies outside {@code area}: a tab's header), then presses
     * Tab until the focus leaves {@code area} or comes back to a control already seen; returns the stops inside
     * {@code area}.
     */
    public static List<Stop> walk(FxRobot robot, Node first, Node area, int maxStops) {
        fx(() -> {
            first.requestFocus();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        if (!inside(first, area)) {
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        var stops = new ArrayList<Stop>();
        for (int i = 0; i < maxStops; i++) {
            Stop stop = fx(() -> stopAt(first.getScene(), area));
            if (stop == null || stops.stream().anyMatch(s -> s.control() == stop.control())) {
                break;
            }
            stops.add(stop);
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        return stops;
    }

    /** The control a reader meets first in {@code area}: the topmost, then leftmost, that can take the focus. */
    public static Node firstInReadingOrder(Parent area) {
        return fx(() -> area.lookupAll("*").stream()
                .filter(n -> n instanceof Control && n.isFocusTraversable() && !n.isDisabled() && shown(n))
                .min(java.util.Comparator.<Node>comparingDouble(n -> n.localToScene(n.getLayoutBounds()).getMinY())
                        .thenComparingDouble(n -> n.localToScene(n.getLayoutBounds()).getMinX()))
                .orElseThrow(() -> new AssertionError("nothing in " + area + " takes the focus")));
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) return false;
        }
        return node.getScene() != null;
    }

    private static Stop stopAt(Scene scene, Node area) {
        Node focused = scene.getFocusOwner();
        if (focused == null || !inside(focused, area)) {
            return null;
        }
        Control control = owningControl(focused, area);
        if (control == null) {
            return null;
        }
        return new Stop(control, control.localToScene(control.getLayoutBounds()), describe(control));
    }

    private static boolean inside(Node node, Node area) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == area) return true;
        }
        return false;
    }

    /** The outermost control around the focused node (a DatePicker, not its text field), containers aside. */
    private static Control owningControl(Node focused, Node area) {
        Control found = null;
        for (Node n = focused; n != null && n != area; n = n.getParent()) {
            if (n instanceof Control c && !(n instanceof ScrollPane || n instanceof TitledPane || n instanceof SplitPane
                    || n instanceof TabPane || n instanceof ToolBar || n instanceof ButtonBar || n instanceof Accordion)) {
                found = c;
            }
        }
        return found;
    }

    private static String describe(Control c) {
        String kind = c.getClass().getSimpleName();
        String id = c.getId() != null ? "#" + c.getId() : "";
        String text = c instanceof Labeled l && l.getText() != null && !l.getText().isBlank() ? " '" + l.getText() + "'" : "";
        return kind + id + text;
    }

    /**
     * The pairs of consecutive stops where the focus goes back: up to an earlier row, or left within a row. Two
     * controls share a row when their vertical extents overlap. Going up is reading order only to the top of a new
     * column: a control to the right of everything met so far (a form beside a list).
     */
    public static List<String> outOfReadingOrder(List<Stop> stops) {
        var problems = new ArrayList<String>();
        double rightmost = stops.isEmpty() ? 0 : stops.get(0).bounds().getMaxX();
        for (int i = 1; i < stops.size(); i++) {
            Bounds a = stops.get(i - 1).bounds();
            Bounds b = stops.get(i).bounds();
            boolean sameRow = b.getMinY() < a.getMaxY() - 1 && a.getMinY() < b.getMaxY() - 1;
            boolean below = b.getMinY() >= a.getMaxY() - 1;
            boolean rightOf = b.getMinX() >= a.getMaxX() - 1;
            boolean newColumn = b.getMinX() >= rightmost - 1;
            rightmost = Math.max(rightmost, b.getMaxX());
            if (!(below || sameRow && rightOf || newColumn)) {
                problems.add(stops.get(i - 1) + " -> " + stops.get(i));
            }
        }
        return problems;
    }

    /** The stops a screen reader could not name: no text, no accessible text, no label for it, no tooltip. */
    public static List<String> unnamed(List<Stop> stops) {
        return fx(() -> {
            var problems = new ArrayList<String>();
            for (Stop s : stops) {
                Control c = s.control();
                boolean named = notBlank(c.getAccessibleText()) || c.getTooltip() != null
                        || c instanceof Labeled l && notBlank(l.getText()) || labelled(c);
                if (!named) problems.add(s.toString());
            }
            return problems;
        });
    }

    private static boolean labelled(Control c) {
        Parent root = c.getScene().getRoot();
        return root.lookupAll(".label").stream().anyMatch(n -> n instanceof Label l && l.getLabelFor() == c
                && notBlank(l.getText()));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static <T> T fx(Callable<T> what) {
        try {
            return WaitForAsyncUtils.asyncFx(what).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** For messages: the stops as a list, one a line. */
    public static String list(List<Stop> stops) {
        return String.join("\n", stops.stream().map(Objects::toString).toList());
    }
}
