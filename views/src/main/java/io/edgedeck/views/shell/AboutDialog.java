package io.edgedeck.views.shell;

import io.edgedeck.views.common.Tasks;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;

/**
 * Help → About: EdgeDeck's version, its main libraries' versions (read from their jars in the background), the Java
 * runtime, and where the database, data, settings and logs are, with buttons that open those folders.
 */
public final class AboutDialog extends Dialog<Void> {
    private final GridPane libraries = new GridPane(16, 3);
    private final Label problem = new Label();

    public AboutDialog(AboutInfo info, Tasks tasks, FolderOpener folders, Window owner, Parent windowRoot) {
        setTitle("About EdgeDeck");
        setHeaderText("EdgeDeck " + info.version());
        initModality(Modality.NONE);
        if (owner != null) {
            initOwner(owner);
        }
        libraries.setId("about-libraries");
        libraries.add(new Label("Reading library versions…"), 0, 0);
        var runtime = new Label("Java " + LibraryVersions.javaRuntime());
        runtime.setId("about-java");

        var where = new GridPane(12, 5);
        where.setId("about-folders");
        row(where, 0, "Database", info.database(), null, tasks, folders);
        row(where, 1, "Data", info.dataFolder().toString(), info.dataFolder(), tasks, folders);
        row(where, 2, "Settings", info.settingsFile().toString(), info.settingsFile().getParent(), tasks, folders);
        row(where, 3, "Logs", info.logFolder().toString(), info.logFolder(), tasks, folders);

        problem.getStyleClass().add("form-error");
        problem.setId("about-problem");
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());

        var content = new VBox(10, title("Libraries"), libraries, runtime, title("Where EdgeDeck keeps its files"), where,
                problem);
        content.setPadding(new Insets(4, 4, 4, 4));
        getDialogPane().setId("about-dialog");
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        setResizable(true);
        DialogStyle.adopt(getDialogPane(), windowRoot);

        tasks.run("reading library versions", LibraryVersions::read, this::showLibraries,
                failure -> problem.setText("Could not read the library versions: " + Tasks.describe(failure)));
    }

    /** The libraries as shown: name, version (FX thread). */
    List<String[]> shownLibraries() {
        var out = new java.util.ArrayList<String[]>();
        for (int r = 0; r < libraries.getRowCount(); r++) {
            final int row = r;
            var cells = libraries.getChildren().stream()
                    .filter(n -> GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n) == row)
                    .map(n -> ((Label) n).getText()).toList();
            if (cells.size() == 2) {
                out.add(cells.toArray(String[]::new));
            }
        }
        return out;
    }

    private void showLibraries(List<LibraryVersions.LibraryVersion> versions) {
        libraries.getChildren().clear();
        int r = 0;
        for (var v : versions) {
            var name = new Label(v.name());
            name.getStyleClass().add("muted");
            var version = new Label(v.version());
            version.setId("about-version-" + r);
            libraries.add(name, 0, r);
            libraries.add(version, 1, r);
            r++;
        }
    }

    private void row(GridPane grid, int r, String what, String location, Path folder, Tasks tasks,
                     FolderOpener folders) {
        var name = new Label(what);
        name.getStyleClass().add("muted");
        var value = new Label(location);
        value.setWrapText(true);
        value.setMaxWidth(520);
        grid.add(name, 0, r);
        grid.add(value, 1, r);
        if (folder != null) {
            var open = new Button("Open");
            open.setId("about-open-" + what.toLowerCase());
            open.setTooltip(new Tooltip("Show " + folder + " in the file manager"));
            open.setOnAction(e -> tasks.run("opening " + folder, () -> {
                folders.open(folder);
                return folder;
            }, ok -> problem.setText(""), failure -> problem.setText("Could not open " + folder + ": "
                    + Tasks.describe(failure))));
            grid.add(new HBox(open), 2, r);
        }
    }

    private static Label title(String text) {
        var l = new Label(text);
        l.getStyleClass().add("dialog-title");
        return l;
    }
}
