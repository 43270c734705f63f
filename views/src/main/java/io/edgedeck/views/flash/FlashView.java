package io.edgedeck.views.flash;

import io.edgedeck.views.flash.ImageSlot.Role;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Flash screen: port, baud and write options on top; layout and files on the left; Flash/Cancel, progress, the
 * verdict and the log on the right. Only builds and binds controls; everything else is {@link FlashViewModel}.
 * Ctrl+Enter flashes, Esc cancels; a .bin dropped on a file card goes there, elsewhere into the main file.
 */
public final class FlashView extends BorderPane {
    private static final KeyCombination FLASH = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");
    private static final PseudoClass DROP = PseudoClass.getPseudoClass("drop");

    private final FlashViewModel vm;
    private final ComboBox<PortChoice> portBox = new ComboBox<>();
    private final VBox cards = new VBox(10);
    private File lastDirectory;

    public FlashView(FlashViewModel vm) {
        this.vm = vm;
        getStyleClass().add("flash");
        setId("flash-view");
        setTop(toolbar());
        var hint = new Label("Drop a .bin file on a card to load it there. Hover an image's summary for its full report.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        var left = new VBox(12, layoutChooser(), cards, hint);
        left.getStyleClass().add("flash-files");
        var scroll = new ScrollPane(left);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("flash-scroll");
        var center = new HBox(0, scroll, runPane());
        HBox.setHgrow(scroll, Priority.ALWAYS);
        scroll.setPrefWidth(640);
        setCenter(center);

        vm.slots().addListener((ListChangeListener<ImageSlot>) c -> rebuildCards());
        rebuildCards();

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FLASH.match(e)) {
                vm.flash();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && vm.stateProperty().get().busy()) {
                vm.cancel();
                e.consume();
            }
        });
        setOnDragOver(e -> acceptBin(e));
        setOnDragDropped(e -> dropped(e, vm::load));
    }

    FlashViewModel viewModel() {
        return vm;
    }

    /** Focuses the port picker (when the screen opens). */
    public void focusPort() {
        portBox.requestFocus();
    }

    // ---- top: port, baud, options

    private Node toolbar() {
        portBox.setId("flash-port");
        portBox.setEditable(true);
        portBox.setItems(vm.ports());
        portBox.setPrefWidth(430);
        portBox.setPromptText("Pick a port or type its path (/dev/ttyUSB0, COM3, /dev/pts/4)");
        portBox.setTooltip(new Tooltip("The board's USB-serial port; the list refreshes every 2 s. Any path can be typed in."));
        portBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(PortChoice p) {
                return p == null ? "" : p.label();
            }

            @Override
            public PortChoice fromString(String s) {
                String t = s == null ? "" : s.strip();
                return vm.ports().stream().filter(p -> p.label().equals(t)).findFirst()
                        .orElse(t.isEmpty() ? null : new PortChoice(t, t));
            }
        });
        portBox.getEditor().textProperty().bindBidirectional(vm.portTextProperty());
        portBox.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.label().equals(vm.portTextProperty().get())) {
                vm.portTextProperty().set(b.label());
            }
        });
        var portLabel = mnemonicLabel("_Port", portBox);

        var baud = new ChoiceBox<Integer>();
        baud.setId("flash-baud");
        baud.getItems().setAll(FlashViewModel.BAUDS);
        baud.valueProperty().bindBidirectional(vm.baudProperty());
        baud.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer b) {
                return b == null ? "" : String.format(Locale.ROOT, "%,d", b);
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.replace(",", ""));
            }
        });
        baud.setTooltip(new Tooltip("Baud rate for writing (the board is reached at 115,200 first). Lower it if the cable is long or flaky."));
        var baudLabel = mnemonicLabel("Bau_d", baud);

        var compress = new CheckBox("Compre_ss");
        compress.setId("flash-compress");
        compress.selectedProperty().bindBidirectional(vm.compressProperty());
        compress.setTooltip(new Tooltip("Send zlib-compressed data (faster). Turn off only to debug a board."));
        var verify = new CheckBox("V_erify");
        verify.setId("flash-verify");
        verify.selectedProperty().bindBidirectional(vm.verifyProperty());
        verify.setTooltip(new Tooltip("After writing, compare each region's MD5 as the board computes it with the file's."));

        var several = new CheckBox("Several _boards");
        several.setId("flash-several");
        several.selectedProperty().bindBidirectional(vm.severalBoardsProperty());
        several.setTooltip(new Tooltip("Flash the same files to every ticked board at once, each with its own progress and verdict."));
        portBox.disableProperty().bind(vm.severalBoardsProperty());

        var bar = new HBox(10, portLabel, portBox, several, gap(14), baudLabel, baud, gap(14), compress, verify);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("screen-toolbar");
        bar.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.stateProperty().get().busy(), vm.stateProperty()));
        return bar;
    }

    // ---- left: layout and files

    private Node layoutChooser() {
        var title = new Label("Layout");
        title.getStyleClass().add("flash-section");
        var group = new ToggleGroup();
        var box = new VBox(6, title);
        String[] mnemonicTitles = {"_App only at 0x10000", "F_ull: bootloader 0x1000 + partition table 0x8000 + app 0x10000",
                "Mer_ged image at 0x0"};
        for (LayoutPreset p : LayoutPreset.values()) {
            var r = new RadioButton(mnemonicTitles[p.ordinal()]);
            r.setId("flash-preset-" + p.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            r.setUserData(p);
            r.setToggleGroup(group);
            r.setSelected(vm.presetProperty().get() == p);
            box.getChildren().add(r);
        }
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.presetProperty().set((LayoutPreset) b.getUserData());
            }
        });
        vm.presetProperty().addListener((o, a, b) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == b).findFirst().ifPresent(t -> t.setSelected(true)));
        box.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.stateProperty().get().busy(), vm.stateProperty()));
        return box;
    }

    private void rebuildCards() {
        cards.getChildren().setAll(vm.slots().stream().map(this::card).toList());
    }

    private Node card(ImageSlot slot) {
        String key = slot.role().name().toLowerCase(Locale.ROOT).replace('_', '-');
        var title = new Label(slot.role().title());
        title.getStyleClass().add("flash-card-title");

        var offset = new TextField();
        offset.setId("flash-offset-" + key);
        offset.setPrefColumnCount(8);
        offset.textProperty().bindBidirectional(slot.offsetTextProperty());
        offset.setTooltip(new Tooltip("Flash offset: hex (0x10000) or decimal; a multiple of 4 KiB (0x1000)."));
        var offsetLabel = new Label("Offset");
        offsetLabel.setLabelFor(offset);
        offsetLabel.getStyleClass().add("muted");

        var open = new Button(switch (slot.role()) {
            case BOOTLOADER -> "Open boo_tloader…";
            case PARTITION_TABLE -> "Open partition tab_le…";
            default -> "_Open…";
        });
        open.setId("flash-open-" + key);
        open.setTooltip(new Tooltip("Choose the " + slot.role().title().toLowerCase(Locale.ROOT)
                + " .bin file (or drop it here)."));
        open.setOnAction(e -> choose(slot.role()));

        var file = new Label();
        file.getStyleClass().add("flash-file");
        file.textProperty().bind(Bindings.createStringBinding(() -> slot.fileProperty().get() == null
                ? "No file — open one or drop a .bin here" : slot.fileProperty().get().toString(), slot.fileProperty()));
        file.setMinWidth(0);
        HBox.setHgrow(file, Priority.ALWAYS);
        file.setMaxWidth(Double.MAX_VALUE);

        var headGap = new Region();
        HBox.setHgrow(headGap, Priority.ALWAYS);
        var head = new HBox(8, title, headGap, offsetLabel, offset, open);
        head.setAlignment(Pos.CENTER_LEFT);
        for (var n : List.of(title, offsetLabel, open)) {
            n.setMinWidth(Region.USE_PREF_SIZE);
        }

        var summary = new Label();
        summary.setId("flash-summary-" + key);
        summary.setWrapText(true);
        summary.textProperty().bind(slot.summaryProperty());
        summary.visibleProperty().bind(summary.textProperty().isNotEmpty());
        summary.managedProperty().bind(summary.visibleProperty());
        var details = new Tooltip();
        details.textProperty().bind(slot.detailsProperty());
        details.getStyleClass().add("monospace");
        summary.setTooltip(details);

        var verdict = new VBox(3);
        verdict.setId("flash-verdict-" + key);
        Runnable showVerdict = () -> {
            verdict.getChildren().clear();
            if (slot.status() == ImageSlot.Status.READY) {
                var ok = new Label("✔ Ready to flash");
                ok.getStyleClass().add("flash-ready");
                verdict.getChildren().add(ok);
            }
            for (ImageSlot.Problem p : slot.problems()) {
                var l = new Label((p.error() ? "✖ " : "⚠ ") + p.message());
                l.setWrapText(true);
                l.getStyleClass().add(p.error() ? "flash-problem-error" : "flash-problem-warning");
                verdict.getChildren().add(l);
            }
        };
        slot.statusProperty().addListener((o, a, b) -> showVerdict.run());
        slot.problems().addListener((ListChangeListener<ImageSlot.Problem>) c -> showVerdict.run());
        showVerdict.run();

        var card = new VBox(6, head, file, summary, verdict);
        card.getStyleClass().add("flash-card");
        card.setOnDragOver(this::acceptBin);
        card.setOnDragEntered(e -> card.pseudoClassStateChanged(DROP, true));
        card.setOnDragExited(e -> card.pseudoClassStateChanged(DROP, false));
        card.setOnDragDropped(e -> dropped(e, path -> vm.load(slot.role(), path)));
        return card;
    }

    // ---- right: flash, progress, verdict, log

    private Node runPane() {
        var gate = new Label();
        gate.setId("flash-gate");
        gate.setWrapText(true);
        gate.textProperty().bind(vm.gateMessageProperty());
        vm.canFlashProperty().addListener((o, a, b) -> gate.pseudoClassStateChanged(OK, b));
        gate.pseudoClassStateChanged(OK, vm.canFlashProperty().get());
        PseudoClass problem = PseudoClass.getPseudoClass("problem");
        vm.gateIsProblemProperty().addListener((o, a, b) -> gate.pseudoClassStateChanged(problem, b));
        gate.getStyleClass().add("flash-gate");

        var flash = new Button("F_lash");
        flash.setId("flash-start");
        flash.setDefaultButton(false);
        flash.getStyleClass().add("flash-button");
        flash.disableProperty().bind(vm.canFlashProperty().not());
        flash.setOnAction(e -> vm.flash());
        flash.setTooltip(new Tooltip("Write the files to the board (Ctrl+Enter)"));
        var cancel = new Button("_Cancel");
        cancel.setId("flash-cancel");
        cancel.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.stateProperty().get() != FlashState.FLASHING, vm.stateProperty()));
        cancel.setOnAction(e -> vm.cancel());
        cancel.setTooltip(new Tooltip("Stop after the current block (Esc)"));
        var buttons = new HBox(10, flash, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);

        var bar = new ProgressBar(0);
        bar.setId("flash-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.stateProperty().get() != FlashState.IDLE,
                vm.stateProperty()));
        var phase = new Label();
        phase.setId("flash-phase");
        phase.textProperty().bind(vm.phaseTextProperty());
        phase.getStyleClass().add("flash-phase");
        var numbers = new Label();
        numbers.setId("flash-numbers");
        numbers.getStyleClass().add("muted");
        numbers.textProperty().bind(vm.progressTextProperty());

        var result = new Label();
        result.setId("flash-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultTextProperty());
        result.getStyleClass().add("flash-result");
        vm.stateProperty().addListener((o, a, b) -> {
            result.pseudoClassStateChanged(OK, b == FlashState.VERIFIED || b == FlashState.WRITTEN);
            result.pseudoClassStateChanged(ERROR, b == FlashState.FAILED);
            result.pseudoClassStateChanged(REFUSED, b == FlashState.REFUSED);
        });
        result.visibleProperty().bind(result.textProperty().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());

        var logTitle = new Label("Log");
        logTitle.getStyleClass().add("flash-section");
        var copy = new Button("Cop_y log");
        copy.setId("flash-copy-log");
        copy.setTooltip(new Tooltip("Copy the whole log to the clipboard"));
        copy.setOnAction(e -> {
            var content = new ClipboardContent();
            content.putString(vm.logText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        var clear = new Button("Clear");
        clear.setId("flash-clear-log");
        clear.setOnAction(e -> vm.clearLog());
        clear.setTooltip(new Tooltip("Empty the log"));
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var logHead = new HBox(8, logTitle, spacer, copy, clear);
        logHead.setAlignment(Pos.CENTER_LEFT);

        var log = new TextArea();
        log.setId("flash-log");
        log.setAccessibleText("Flash log");
        log.setEditable(false);
        log.setWrapText(true);
        log.getStyleClass().addAll("monospace", "flash-log");
        log.setPromptText("Opened files, phases, boot messages and errors appear here.");
        vm.log().forEach(l -> log.appendText(l + "\n"));
        vm.log().addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    log.setText(vm.logText());
                    return;
                }
                c.getAddedSubList().forEach(l -> log.appendText(l + "\n"));
            }
        });
        VBox.setVgrow(log, Priority.ALWAYS);

        var pane = new VBox(10, gate, buttons, boardsPane(), bar, phase, numbers, result, logHead, log);
        pane.getStyleClass().add("flash-run");
        pane.setPadding(new Insets(14));
        pane.setPrefWidth(620);
        pane.setMinWidth(420);
        return pane;
    }

    /** Several boards: a row per listed port — tick, then its own phase, progress, speed, ETA and verdict. */
    private Node boardsPane() {
        var title = new Label("Boards");
        title.getStyleClass().add("flash-section");
        var all = new Button("Tick _all");
        all.setId("flash-tick-all");
        all.setOnAction(e -> vm.boards().forEach(b -> b.selectedProperty().set(true)));
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var head = new HBox(8, title, spacer, all);
        head.setAlignment(Pos.CENTER_LEFT);
        var rows = new VBox(6);
        rows.setId("flash-boards");
        Runnable rebuild = () -> rows.getChildren().setAll(vm.boards().isEmpty()
                ? List.of(muted("No serial port found: plug the boards in."))
                : vm.boards().stream().map(this::boardRow).toList());
        vm.boards().addListener((ListChangeListener<BoardRow>) c -> rebuild.run());
        rebuild.run();
        var scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.setMaxHeight(260);
        scroll.getStyleClass().add("flash-boards-scroll");
        var box = new VBox(6, head, scroll);
        box.setId("flash-boards-pane");
        box.visibleProperty().bind(vm.severalBoardsProperty());
        box.managedProperty().bind(box.visibleProperty());
        all.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.stateProperty().get().busy(), vm.stateProperty()));
        return box;
    }

    private Node boardRow(BoardRow row) {
        String key = row.path().replaceAll("[^A-Za-z0-9]", "-");
        var tick = new CheckBox(row.port().label());
        tick.setId("flash-board" + key);
        tick.selectedProperty().bindBidirectional(row.selectedProperty());
        tick.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.stateProperty().get().busy(), vm.stateProperty()));
        tick.setMinWidth(Region.USE_PREF_SIZE);
        var phase = new Label();
        phase.getStyleClass().add("muted");
        phase.textProperty().bind(row.phaseTextProperty());
        var gapRegion = new Region();
        HBox.setHgrow(gapRegion, Priority.ALWAYS);
        var head = new HBox(8, tick, gapRegion, phase);
        head.setAlignment(Pos.CENTER_LEFT);

        var bar = new ProgressBar(0);
        bar.setPrefWidth(160);
        bar.setMinWidth(120);
        bar.progressProperty().bind(row.progressProperty());
        var numbers = new Label();
        numbers.getStyleClass().add("muted");
        numbers.textProperty().bind(row.progressTextProperty());
        numbers.setMinWidth(0);
        var progressLine = new HBox(8, bar, numbers);
        progressLine.setAlignment(Pos.CENTER_LEFT);
        progressLine.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> row.stateProperty().get() != FlashState.IDLE, row.stateProperty()));
        progressLine.managedProperty().bind(progressLine.visibleProperty());

        var verdict = new Label();
        verdict.setId("flash-board-verdict" + key);
        verdict.setWrapText(true);
        verdict.getStyleClass().add("flash-result");
        verdict.textProperty().bind(row.verdictTextProperty());
        verdict.visibleProperty().bind(verdict.textProperty().isNotEmpty());
        verdict.managedProperty().bind(verdict.visibleProperty());
        Runnable colour = () -> {
            FlashState st = row.stateProperty().get();
            verdict.pseudoClassStateChanged(OK, st == FlashState.VERIFIED || st == FlashState.WRITTEN);
            verdict.pseudoClassStateChanged(ERROR, st == FlashState.FAILED);
            verdict.pseudoClassStateChanged(REFUSED, st == FlashState.REFUSED);
        };
        row.stateProperty().addListener((o, a, b) -> colour.run());
        colour.run();

        var box = new VBox(4, head, progressLine, verdict);
        box.getStyleClass().add("flash-board-row");
        return box;
    }

    private static Label muted(String text) {
        var l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }

    // ---- files

    private void choose(Role role) {
        var chooser = new FileChooser();
        chooser.setTitle("Open " + role.title().toLowerCase(Locale.ROOT) + " image");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("ESP32 images (*.bin)", "*.bin"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            chooser.setInitialDirectory(lastDirectory);
        }
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            lastDirectory = f.getParentFile();
            vm.load(role, f.toPath());
        }
    }

    private void acceptBin(DragEvent e) {
        if (binFile(e).isPresent()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e, Consumer<Path> load) {
        Optional<File> f = binFile(e);
        f.ifPresent(file -> {
            lastDirectory = file.getParentFile();
            load.accept(file.toPath());
        });
        e.setDropCompleted(f.isPresent());
        e.consume();
    }

    private static Optional<File> binFile(DragEvent e) {
        if (!e.getDragboard().hasFiles()) {
            return Optional.empty();
        }
        List<File> files = e.getDragboard().getFiles();
        return files.size() == 1 && files.getFirst().getName().toLowerCase(Locale.ROOT).endsWith(".bin")
                ? Optional.of(files.getFirst()) : Optional.empty();
    }

    private static Label mnemonicLabel(String text, Node target) {
        var l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        return l;
    }

    private static Region gap(double width) {
        var r = new Region();
        r.setMinWidth(width);
        return r;
    }
}
