package io.edgedeck.views.shell;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Parent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Function;

/** Help → Keyboard shortcuts (F1): every shortcut in one table. */
public final class ShortcutsDialog extends Dialog<Void> {
    private final TableView<KeyboardShortcuts.Entry> table = new TableView<>();

    public ShortcutsDialog(List<KeyboardShortcuts.Entry> entries, Window owner, Parent windowRoot) {
        setTitle("Keyboard shortcuts — EdgeDeck");
        setHeaderText("Keyboard shortcuts");
        initModality(Modality.NONE);
        if (owner != null) {
            initOwner(owner);
        }
        table.setId("shortcuts-table");
        table.getColumns().add(column("Keys", 190, KeyboardShortcuts.Entry::keys));
        table.getColumns().add(column("Does", 380, KeyboardShortcuts.Entry::action));
        table.getColumns().add(column("Where", 200, KeyboardShortcuts.Entry::where));
        table.getItems().setAll(entries);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefSize(800, 520);
        getDialogPane().setId("shortcuts-dialog");
        getDialogPane().setContent(table);
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        setResizable(true);
        DialogStyle.adopt(getDialogPane(), windowRoot);
    }

    TableView<KeyboardShortcuts.Entry> table() {
        return table;
    }

    private static TableColumn<KeyboardShortcuts.Entry, String> column(String title, double width,
                                                                      Function<KeyboardShortcuts.Entry, String> value) {
        var c = new TableColumn<KeyboardShortcuts.Entry, String>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        return c;
    }
}
