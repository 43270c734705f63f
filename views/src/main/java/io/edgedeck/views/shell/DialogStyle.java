package io.edgedeck.views.shell;

import javafx.scene.Parent;
import javafx.scene.control.DialogPane;

/** Dialogs live in scenes of their own: give them the window's stylesheets (theme) and text size. */
public final class DialogStyle {
    private DialogStyle() {
    }

    public static void adopt(DialogPane pane, Parent windowRoot) {
        if (windowRoot == null) {
            return;
        }
        pane.getStylesheets().setAll(windowRoot.getStylesheets());
        pane.setStyle(windowRoot.getStyle());
        pane.getStyleClass().add("edgedeck-dialog");
    }
}
