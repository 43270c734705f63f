package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.flash.CancelToken;
import io.edgedeck.link.esp32.flash.FlashJob;
import io.edgedeck.link.esp32.flash.FlashResult;
import io.edgedeck.link.esp32.flash.Phase;
import io.edgedeck.link.esp32.flash.Progress;
import io.edgedeck.link.esp32.flash.WriteOptions;
import io.edgedeck.link.esp32.image.ChipType;
import io.edgedeck.link.esp32.image.ImageInfo;
import io.edgedeck.link.esp32.image.ImageInfoFormatter;
import io.edgedeck.link.esp32.image.PartitionTable;
import io.edgedeck.link.esp32.image.ValidationPolicy;
import io.edgedeck.link.esp32.image.Verdict;
import io.edgedeck.link.esp32.loader.FlashException;
import io.edgedeck.link.esp32.ops.BoardAccess;
import io.edgedeck.link.esp32.ops.BoardReport;
import io.edgedeck.link.esp32.ops.ConnectOptions;
import io.edgedeck.link.esp32.ops.FlashPlan;
import io.edgedeck.link.esp32.ops.ImageFile;
import io.edgedeck.link.esp32.ops.ImageGate;
import io.edgedeck.link.esp32.ops.ImageRefusedException;
import io.edgedeck.link.esp32.ops.ParallelFlash;
import io.edgedeck.link.esp32.ops.SafeFlash;
import io.edgedeck.link.serial.PortInfo;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.flash.ImageSlot.Role;
import io.edgedeck.views.flash.ImageSlot.Status;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The Flash screen: pick a port, a layout and its files, check them through the validation gate, and flash them on a
 * background thread with coalesced progress, cancel, a log and a final verdict. Files are judged by the same
 * {@link ImageGate} and flashed by the same {@link SafeFlash} as the CLI's: at flash time the images are checked
 * again against the chip the board reports and, when the layout writes no partition table, the one on the board. Never touches a control; changed and
 * read on the FX thread only (work runs through {@link Tasks} and the flash executor).
 */
public final class FlashViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(FlashViewModel.class);
    public static final List<Integer> BAUDS = List.of(115_200, 460_800, 921_600);
    public static final String READY = "Ready to flash";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    private final SafeFlash safeFlash;
    private final ParallelFlash parallelFlash;
    private final Supplier<List<PortInfo>> portSource;
    private final Tasks tasks;
    private final Executor flashThread;
    private final Clock clock;
    private final ValidationPolicy policy = ValidationPolicy.permissive();
    private final ImageGate gate = new ImageGate(policy);

    private final ObservableList<PortChoice> ports = FXCollections.observableArrayList();
    private final StringProperty portText = new SimpleStringProperty(this, "portText", "");
    private final ObjectProperty<LayoutPreset> preset = new SimpleObjectProperty<>(this, "preset", LayoutPreset.APP_ONLY);
    private final Map<Role, ImageSlot> slotByRole = new EnumMap<>(Role.class);
    private final ObservableList<ImageSlot> slots = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> baud = new SimpleObjectProperty<>(this, "baud", FlashJob.DEFAULT_BAUD);
    private final BooleanProperty compress = new SimpleBooleanProperty(this, "compress", true);
    private final BooleanProperty verify = new SimpleBooleanProperty(this, "verify", true);
    private final ReadOnlyBooleanWrapper canFlash = new ReadOnlyBooleanWrapper(this, "canFlash");
    private final ReadOnlyBooleanWrapper gateIsProblem = new ReadOnlyBooleanWrapper(this, "gateIsProblem");
    private final ReadOnlyStringWrapper gateMessage = new ReadOnlyStringWrapper(this, "gateMessage", "");
    private final ReadOnlyObjectWrapper<FlashState> state = new ReadOnlyObjectWrapper<>(this, "state", FlashState.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper(this, "phaseText", "Idle");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper(this, "resultText", "");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final BooleanProperty severalBoards = new SimpleBooleanProperty(this, "severalBoards", false);
    private final ObservableList<BoardRow> boards = FXCollections.observableArrayList();

    private CancelToken cancelToken;
    private ProgressCoalescer coalescer;
    private List<Integer> jobOffsets = List.of();
    private String jobPort = "";
    private ProgressCoalescer.Stamped writeStart;
    private boolean portsListed;

    /**
     * @param boards      how boards are reached (real ports, or a simulated board in tests)
     * @param portSource  lists serial ports (called on the background executor)
     * @param flashThread runs one flash from start to end (a dedicated thread in the app)
     */
    public FlashViewModel(BoardAccess boards, Supplier<List<PortInfo>> portSource, Tasks tasks, Executor flashThread,
                          Clock clock) {
        this.safeFlash = new SafeFlash(Objects.requireNonNull(boards, "boards"));
        this.parallelFlash = new ParallelFlash(boards);
        this.portSource = Objects.requireNonNull(portSource, "portSource");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.flashThread = Objects.requireNonNull(flashThread, "flashThread");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Role r : Role.values()) {
            ImageSlot slot = new ImageSlot(r);
            slotByRole.put(r, slot);
            slot.offsetTextProperty().addListener((o, a, b) -> validate(slot));
        }
        slots.setAll(slotsOf(preset.get()));
        preset.addListener((o, a, b) -> {
            forgetLastOutcome();
            slots.setAll(slotsOf(b));
            slots.forEach(this::validate); // the app is judged against the partition table only in FULL
            updateGate();
        });
        portText.addListener((o, a, b) -> updateGate());
        severalBoards.addListener((o, a, b) -> {
            forgetLastOutcome();
            updateGate();
        });
        state.addListener((o, a, b) -> updateGate());
        updateGate();
    }

    /** A flash thread per flash: a flash may take minutes and must not hold a shared pool's thread. */
    public static Executor dedicatedThread() {
        return r -> Thread.ofPlatform().daemon().name("edgedeck-flash").start(r);
    }

    // ---- Properties

    /** Ports the system lists, refreshed by {@link #refreshPorts()}. */
    public ObservableList<PortChoice> ports() {
        return ports;
    }

    /** The picker's text: a listed port's label or any path typed in ({@code /dev/pts/3}). */
    public StringProperty portTextProperty() {
        return portText;
    }

    /** The path to open: the listed port whose label is {@link #portTextProperty()}, else that text itself. */
    public String port() {
        String t = portText.get() == null ? "" : portText.get().strip();
        return ports.stream().filter(p -> p.label().equals(t)).map(PortChoice::path).findFirst().orElse(t);
    }

    /** On: flash every ticked board of {@link #boards()} in parallel instead of the one port. */
    public BooleanProperty severalBoardsProperty() {
        return severalBoards;
    }

    /**
     * A row per listed port, kept across refreshes (its tick too) while the port stays; each shows that board's
     * progress and verdict during and after a several-boards flash.
     */
    public ObservableList<BoardRow> boards() {
        return boards;
    }

    /** The ticked boards' paths, in list order. */
    public List<String> selectedBoards() {
        return boards.stream().filter(b -> b.selectedProperty().get()).map(BoardRow::path).toList();
    }

    public ObjectProperty<LayoutPreset> presetProperty() {
        return preset;
    }

    /** The current layout's files, in flash order. */
    public ObservableList<ImageSlot> slots() {
        return slots;
    }

    public ImageSlot slot(Role role) {
        return slotByRole.get(role);
    }

    public ObjectProperty<Integer> baudProperty() {
        return baud;
    }

    public BooleanProperty compressProperty() {
        return compress;
    }

    public BooleanProperty verifyProperty() {
        return verify;
    }

    /** Port chosen, every file accepted by the gate, nothing running. */
    public ReadOnlyBooleanProperty canFlashProperty() {
        return canFlash.getReadOnlyProperty();
    }

    /** {@link #READY}, or why Flash is disabled. */
    public ReadOnlyStringProperty gateMessageProperty() {
        return gateMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FlashState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** 0..1, or -1 (indeterminate) while connecting. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** {@code Writing region 2/3 at 0x8000}. */
    public ReadOnlyStringProperty phaseTextProperty() {
        return phaseText.getReadOnlyProperty();
    }

    /** {@code 524,288 / 1,048,576 bytes (50 %) · 1,234 kbit/s · ETA 0:07}. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The last flash's verdict: {@code Verified — MD5 …}, {@code Cancelled …} or the error with its code. */
    public ReadOnlyStringProperty resultTextProperty() {
        return resultText.getReadOnlyProperty();
    }

    /** Timestamped lines, oldest first. */
    public ObservableList<String> log() {
        return log;
    }

    // ---- Commands

    /** Lists ports in the background; keeps the list (and the picker's text) when nothing changed. */
    public void refreshPorts() {
        tasks.run("listing serial ports", () -> portSource.get().stream().map(PortChoice::of).toList(), found -> {
            if (!found.equals(ports)) {
                if (portsListed) {
                    found.stream().filter(p -> !ports.contains(p)).forEach(p -> log("Port appeared: " + p.label()));
                    ports.stream().filter(p -> !found.contains(p)).forEach(p -> log("Port gone: " + p.label()));
                }
                String keep = portText.get();
                ports.setAll(found);
                portText.set(keep);
            }
            syncBoards();
            if (!portsListed && (portText.get() == null || portText.get().isBlank()) && !found.isEmpty()) {
                portText.set(found.getFirst().label());
            }
            portsListed = true;
            updateGate();
        }, failure -> log("Could not list serial ports: " + Tasks.describe(failure)));
    }

    /** Loads a file into the current layout's main slot (the app, or the merged image). */
    public void load(Path file) {
        load(preset.get().mainRole(), file);
    }

    /** Reads and describes the file in the background, then runs it through the validation gate. */
    public void load(Role role, Path file) {
        ImageSlot slot = slotByRole.get(role);
        long mine = ++slot.generation;
        forgetLastOutcome();
        slot.checking(file);
        updateGate();
        tasks.run("reading " + file, () -> {
            byte[] bytes = Files.readAllBytes(file);
            ImageInfo info = ImageInfo.describe(file.getFileName().toString(), bytes);
            return new Loaded(bytes, info, ImageSummary.of(info), ImageInfoFormatter.toText(info));
        }, loaded -> {
            if (mine != slot.generation) {
                return;
            }
            slot.loaded(loaded.bytes(), loaded.info(), loaded.summary(), loaded.details());
            log("Opened " + file + ": " + loaded.summary());
            validate(slot);
        }, failure -> {
            if (mine != slot.generation) {
                return;
            }
            String why = failure instanceof NoSuchFileException ? "there is no such file" : Tasks.describe(failure);
            slot.unreadable("Could not read " + file.getFileName() + ": " + why + ".");
            updateGate();
        });
    }

    /**
     * Writes the current layout to the port — or, with {@link #severalBoardsProperty()}, to every ticked board in
     * parallel — on the flash thread. Does nothing unless {@link #canFlashProperty()}.
     */
    public void flash() {
        if (!canFlash.get()) {
            return;
        }
        List<ImageSlot> ordered = slots.stream().sorted(Comparator.comparingLong(ImageSlot::offset)).toList();
        List<ImageFile> files = ordered.stream().map(s -> new ImageFile(nameOf(s), (int) s.offset(), s.bytes())).toList();
        FlashPlan plan = new FlashPlan(files, ConnectOptions.defaults().withBaud(baud.get()),
                new WriteOptions(compress.get(), verify.get()), policy, false);
        if (severalBoards.get()) {
            flashSeveral(plan);
            return;
        }
        String port = port();
        jobOffsets = files.stream().map(ImageFile::offset).toList();
        jobPort = port;
        writeStart = null;
        CancelToken cancel = new CancelToken();
        cancelToken = cancel;
        ProgressCoalescer c = new ProgressCoalescer(tasks.fx(), System::nanoTime, this::onProgress);
        coalescer = c;
        state.set(FlashState.FLASHING);
        progress.set(-1);
        progressText.set("");
        resultText.set("");
        phaseText.set("Starting…");
        log(String.format(Locale.ROOT, "Flashing %s to %s at %,d baud (%s, %s)",
                files.stream().map(ImageFile::toString).reduce((a, b) -> a + ", " + b).orElse(""),
                port, plan.connect().baud(), plan.write().compress() ? "compressed" : "uncompressed",
                plan.write().verify() ? "verify" : "no verify"));
        try {
            flashThread.execute(() -> {
                Outcome outcome;
                try {
                    outcome = new Outcome(safeFlash.flash(port, plan, null, c, cancel).result(), null);
                } catch (ImageRefusedException e) {
                    LOG.info("flash to {} refused: {}", port, e.getMessage());
                    outcome = new Outcome(null, e);
                } catch (RuntimeException e) {
                    LOG.warn("flash to {} failed: {}", port, e.toString(), e instanceof FlashException ? null : e);
                    outcome = new Outcome(null, e);
                }
                Outcome done = outcome;
                tasks.fx().execute(() -> finished(c, done));
            });
        } catch (RuntimeException e) {
            finished(c, new Outcome(null, e));
        }
    }

    /** Stops a running flash (every board of a several-boards flash) between two blocks. */
    public void cancel() {
        if (state.get() == FlashState.FLASHING && cancelToken != null) {
            cancelToken.cancel();
            boards.forEach(BoardRow::cancelling);
            state.set(FlashState.CANCELLING);
            phaseText.set("Cancelling…");
            log("Cancel requested");
        }
    }

    public void clearLog() {
        log.clear();
    }

    /** The log as text, for the clipboard. */
    public String logText() {
        return String.join("\n", log) + (log.isEmpty() ? "" : "\n");
    }

    // ---- Internals

    /** One row per listed port, in list order; rows of ports still listed keep their tick and last verdict. */
    private void syncBoards() {
        if (state.get().busy()) {
            return; // rows under way stay until their verdict, even if their port vanished
        }
        Map<String, BoardRow> old = new LinkedHashMap<>();
        boards.forEach(b -> old.put(b.path(), b));
        List<BoardRow> rows = new ArrayList<>();
        for (PortChoice p : ports) {
            BoardRow row = old.get(p.path());
            if (row == null || !row.port().equals(p)) {
                row = new BoardRow(p);
                row.selectedProperty().addListener((o, a, b) -> updateGate());
            }
            rows.add(row);
        }
        if (!rows.equals(boards)) {
            boards.setAll(rows);
        }
    }

    private void flashSeveral(FlashPlan plan) {
        List<BoardRow> rows = boards.stream().filter(b -> b.selectedProperty().get()).toList();
        List<String> paths = rows.stream().map(BoardRow::path).toList();
        List<Integer> offsets = plan.files().stream().map(ImageFile::offset).toList();
        jobOffsets = offsets;
        jobPort = String.join(", ", paths);
        CancelToken cancel = new CancelToken();
        cancelToken = cancel;
        Map<String, ProgressCoalescer> coalescers = new LinkedHashMap<>();
        for (BoardRow row : rows) {
            row.start(offsets);
            coalescers.put(row.path(), new ProgressCoalescer(tasks.fx(), System::nanoTime, (changes, latest) -> {
                row.onProgress(changes, latest);
                updateOverall(rows);
            }));
        }
        coalescer = null;
        state.set(FlashState.FLASHING);
        progress.set(-1);
        progressText.set("");
        resultText.set("");
        phaseText.set("Flashing " + rows.size() + " boards in parallel");
        log(String.format(Locale.ROOT, "Flashing %s to %d boards in parallel (%s) at %,d baud (%s, %s)",
                plan.files().stream().map(ImageFile::toString).reduce((a, b) -> a + ", " + b).orElse(""),
                rows.size(), jobPort, plan.connect().baud(), plan.write().compress() ? "compressed" : "uncompressed",
                plan.write().verify() ? "verify" : "no verify"));
        Map<String, ProgressCoalescer> byPort = Map.copyOf(coalescers);
        try {
            flashThread.execute(() -> {
                List<BoardReport> reports;
                RuntimeException error = null;
                try {
                    reports = parallelFlash.flash(paths, plan, null, (port, p) -> byPort.get(port).onProgress(p), cancel,
                            r -> tasks.fx().execute(() -> boardDone(rows, byPort.get(r.port()), r)));
                } catch (RuntimeException e) {
                    LOG.warn("parallel flash to {} failed: {}", paths, e.toString());
                    reports = List.of();
                    error = e;
                }
                List<BoardReport> done = reports;
                RuntimeException failure = error;
                tasks.fx().execute(() -> finishedSeveral(rows, coalescers.values(), done, failure));
            });
        } catch (RuntimeException e) {
            finishedSeveral(rows, coalescers.values(), List.of(), e);
        }
    }

    /** One board is done while others may still be writing: its row shows its verdict at once. */
    private void boardDone(List<BoardRow> rows, ProgressCoalescer c, BoardReport r) {
        BoardRow row = rows.stream().filter(b -> b.path().equals(r.port())).findFirst().orElse(null);
        if (row == null || !row.stateProperty().get().busy()) {
            return;
        }
        c.drain();
        log(row.finish(r));
        updateOverall(rows);
    }

    /** The overall bar: the mean of the boards' fractions; the line: how many boards are done. */
    private void updateOverall(List<BoardRow> rows) {
        if (!state.get().busy()) {
            return;
        }
        boolean anyKnown = rows.stream().anyMatch(r -> r.progressProperty().get() >= 0);
        progress.set(anyKnown ? rows.stream().mapToDouble(r -> Math.max(0, r.progressProperty().get())).average().orElse(0) : -1);
        long finished = rows.stream().filter(r -> !r.stateProperty().get().busy()).count();
        progressText.set(String.format(Locale.ROOT, "%d of %d boards done", finished, rows.size()));
    }

    private void finishedSeveral(List<BoardRow> rows, java.util.Collection<ProgressCoalescer> coalescers,
                                 List<BoardReport> reports, RuntimeException error) {
        coalescers.forEach(ProgressCoalescer::drain);
        cancelToken = null;
        if (error != null) {
            String text = error instanceof ImageRefusedException refused
                    ? "Refused, nothing was written:\n" + String.join("\n", refused.report().errorLines())
                    : "Flashing failed: " + Tasks.describe(error);
            for (BoardRow r : rows) {
                r.finish(new BoardReport(r.path(), error instanceof ImageRefusedException ? BoardReport.Status.REFUSED
                        : BoardReport.Status.FAILED, Optional.empty(), Optional.of(Tasks.describe(error)), Optional.empty(),
                        java.time.Duration.ZERO));
            }
            resultText.set(text);
            phaseText.set(error instanceof ImageRefusedException ? "Refused" : "Failed");
            progress.set(0);
            log(text);
            state.set(error instanceof ImageRefusedException ? FlashState.REFUSED : FlashState.FAILED);
            syncBoards();
            return;
        }
        Map<String, BoardRow> byPath = new LinkedHashMap<>();
        rows.forEach(r -> byPath.put(r.path(), r));
        for (BoardReport r : reports) {
            BoardRow row = byPath.get(r.port());
            if (row.stateProperty().get().busy()) { // its own verdict has not arrived yet
                log(row.finish(r));
            }
        }
        long ok = reports.stream().filter(BoardReport::ok).count();
        long verified = reports.stream().filter(r -> r.status() == BoardReport.Status.VERIFIED).count();
        String summary = String.format(Locale.ROOT, "%d of %d boards %s", ok, reports.size(),
                verified == ok ? "verified" : "written");
        List<String> others = reports.stream().filter(r -> !r.ok())
                .map(r -> r.port() + ": " + r.status().name().toLowerCase(Locale.ROOT)).toList();
        resultText.set(summary + (others.isEmpty() ? "" : "; " + String.join(", ", others)) + ".");
        log(resultText.get());
        progress.set(reports.isEmpty() ? 0 : (double) ok / reports.size());
        progressText.set(String.format(Locale.ROOT, "%d of %d boards done", ok, reports.size()));
        phaseText.set("Done");
        FlashState overall;
        if (reports.stream().anyMatch(r -> r.status() == BoardReport.Status.FAILED)) {
            overall = FlashState.FAILED;
        } else if (reports.stream().anyMatch(r -> r.status() == BoardReport.Status.REFUSED)) {
            overall = FlashState.REFUSED;
        } else if (reports.stream().anyMatch(r -> r.status() == BoardReport.Status.CANCELLED)) {
            overall = FlashState.CANCELLED;
        } else {
            overall = verified == reports.size() ? FlashState.VERIFIED : FlashState.WRITTEN;
        }
        state.set(overall);
        syncBoards();
    }

    /** Other files: the last flash's verdict no longer describes what would be written. */
    private void forgetLastOutcome() {
        boards.forEach(BoardRow::reset);
        if (!state.get().busy() && state.get() != FlashState.IDLE) {
            state.set(FlashState.IDLE);
            progress.set(0);
            phaseText.set("Idle");
            progressText.set("");
            resultText.set("");
        }
    }

    private List<ImageSlot> slotsOf(LayoutPreset p) {
        return p.roles().stream().map(slotByRole::get).toList();
    }

    private void validate(ImageSlot slot) {
        if (slot.bytes() == null) {
            updateGate();
            return;
        }
        long mine = ++slot.generation;
        long offset = slot.offset();
        if (offset < 0) {
            slot.judged(new Verdict(List.of(), Optional.empty()), List.of(new ImageSlot.Problem(true,
                    "The offset \"" + slot.offsetTextProperty().get() + "\" is not a number: write it like 0x10000.")));
            updateGate();
            return;
        }
        // the app is judged against the layout's partition table, as the board will hold it once the layout is written
        Optional<PartitionTable> table = slot.role() == Role.APP
                ? Optional.ofNullable(partitionTableInLayout()) : Optional.empty();
        ImageFile file = new ImageFile(nameOf(slot), (int) offset, slot.bytes());
        slot.revalidating();
        updateGate();
        tasks.run("validating " + slot.fileName(), () -> gate.check(List.of(file), ChipType.ESP32,
                FlashJob.DEFAULT_FLASH_SIZE, table).files().getFirst().verdict(), verdict -> {
            if (mine != slot.generation) {
                return;
            }
            slot.judged(verdict, List.of());
            if (verdict.accepted()) {
                log(slot.fileName() + " at " + FlashTexts.hex(offset) + ": accepted"
                        + (verdict.warnings().isEmpty() ? "" : " with " + verdict.warnings().size() + " warning(s)"));
            } else {
                log(slot.fileName() + " at " + FlashTexts.hex(offset) + ": refused — " + verdict.errors().getFirst().message());
            }
            if (slot.role() == Role.PARTITION_TABLE && preset.get() == LayoutPreset.FULL) {
                validate(slotByRole.get(Role.APP));
            }
            updateGate();
        }, failure -> {
            if (mine == slot.generation) {
                slot.unreadable("Could not check " + slot.fileName() + ": " + Tasks.describe(failure));
                updateGate();
            }
        });
    }

    private static String nameOf(ImageSlot s) {
        return s.fileName().isEmpty() ? s.role().title() : s.fileName();
    }

    private PartitionTable partitionTableInLayout() {
        if (preset.get() != LayoutPreset.FULL) {
            return null;
        }
        ImageInfo info = slotByRole.get(Role.PARTITION_TABLE).info();
        return info == null ? null : info.partitionTable().orElse(null);
    }

    private void updateGate() {
        String reason = gateReason();
        gateMessage.set(reason == null ? READY : reason);
        canFlash.set(reason == null);
        gateIsProblem.set(reason != null && (reason.contains(" is refused: ") || reason.contains(" overlaps ")));
    }

    /** Whether the gate message reports something wrong (red) rather than a step still to take (neutral). */
    public ReadOnlyBooleanProperty gateIsProblemProperty() {
        return gateIsProblem.getReadOnlyProperty();
    }

    /** Why Flash is disabled, or null when it is not. */
    private String gateReason() {
        if (state.get().busy()) {
            return "Flashing…";
        }
        if (severalBoards.get()) {
            if (selectedBoards().isEmpty()) {
                return ports.isEmpty() && portsListed
                        ? "No serial port found: plug the boards in."
                        : "Tick the boards to flash.";
            }
        } else if (port().isEmpty()) {
            return ports.isEmpty() && portsListed
                    ? "No serial port found: plug the board in, or type the port's path."
                    : "Choose the board's serial port.";
        }
        for (ImageSlot s : slots) {
            switch (s.status()) {
                case EMPTY -> {
                    return "Open the " + s.role().title().toLowerCase(Locale.ROOT) + " file (.bin).";
                }
                case CHECKING -> {
                    return "Checking " + s.fileName() + "…";
                }
                case REFUSED -> {
                    return (s.fileName().isEmpty() ? s.role().title() : s.fileName()) + " is refused: "
                            + s.problems().stream().filter(ImageSlot.Problem::error).findFirst()
                            .map(ImageSlot.Problem::message).orElse("see its problems.");
                }
                case READY -> {
                }
            }
        }
        List<ImageSlot> ordered = slots.stream().sorted(Comparator.comparingLong(ImageSlot::offset)).toList();
        for (int i = 1; i < ordered.size(); i++) {
            ImageSlot a = ordered.get(i - 1);
            ImageSlot b = ordered.get(i);
            long end = a.offset() + a.bytes().length;
            if (end > b.offset()) {
                return String.format(Locale.ROOT, "%s (%s–%s) overlaps %s at %s: fix the offsets.", a.fileName(),
                        FlashTexts.hex(a.offset()), FlashTexts.hex(end), b.fileName(), FlashTexts.hex(b.offset()));
            }
        }
        return null;
    }

    private void onProgress(List<ProgressCoalescer.Stamped> changes, ProgressCoalescer.Stamped latest) {
        if (coalescer == null || !state.get().busy()) {
            return; // a late hand-over after the result
        }
        for (ProgressCoalescer.Stamped s : changes) {
            if (s.progress().phase() == Phase.WRITING && writeStart == null) {
                writeStart = s;
            }
            log(FlashTexts.phase(s.progress(), jobPort, jobOffsets));
        }
        if (latest == null) {
            return;
        }
        Progress p = latest.progress();
        if (p.phase() == Phase.WRITING && writeStart == null) {
            writeStart = latest;
        }
        if (state.get() == FlashState.FLASHING) {
            phaseText.set(FlashTexts.phase(p, jobPort, jobOffsets));
        }
        progress.set(p.phase() == Phase.CONNECTING || p.total() == 0 ? -1 : p.fraction());
        progressText.set(FlashTexts.progressLine(p, rate(latest)));
    }

    /** Image bytes per second since writing began. */
    private double rate(ProgressCoalescer.Stamped now) {
        if (writeStart == null || now.nanos() <= writeStart.nanos()) {
            return Double.NaN;
        }
        long bytes = now.progress().done() - writeStart.progress().done();
        return bytes * 1e9 / (now.nanos() - writeStart.nanos());
    }

    private void finished(ProgressCoalescer c, Outcome outcome) {
        c.drain();
        coalescer = null;
        cancelToken = null;
        if (outcome.error() instanceof ImageRefusedException refused) {
            List<String> lines = refused.report().errorLines();
            resultText.set("Refused, nothing was written:\n" + (lines.isEmpty()
                    ? "the images are not acceptable for this board." : String.join("\n", lines)));
            phaseText.set("Refused");
            progress.set(0);
            progressText.set("");
            lines.forEach(l -> log("Refused: " + l));
            state.set(FlashState.REFUSED);
            return;
        }
        if (outcome.error() != null) {
            RuntimeException e = outcome.error();
            String text = e instanceof FlashException fe
                    ? fe.getMessage() + " [" + fe.code() + "]"
                    : "Flashing failed: " + Tasks.describe(e);
            resultText.set(text);
            phaseText.set("Failed");
            log("Failed: " + text);
            state.set(FlashState.FAILED);
            return;
        }
        FlashResult r = outcome.result();
        if (r.outcome() == FlashResult.Outcome.CANCELLED) {
            resultText.set("Cancelled after " + String.format(Locale.ROOT, "%,d", r.bytesWritten())
                    + " bytes. The board may hold a partial image: flash it again before use.");
            phaseText.set("Cancelled");
            log("Cancelled after " + String.format(Locale.ROOT, "%,d", r.bytesWritten()) + " bytes");
            state.set(FlashState.CANCELLED);
            return;
        }
        boolean verified = r.regions().stream().allMatch(x -> x.verified()) && !r.regions().isEmpty();
        String text = FlashTexts.verdict(r.regions(), verified);
        long total = r.regions().stream().mapToLong(x -> x.length()).sum();
        double seconds = r.elapsed().toNanos() / 1e9;
        progress.set(1);
        progressText.set(String.format(Locale.ROOT, "%,d bytes in %.1f s", total, seconds));
        phaseText.set("Done");
        resultText.set(text);
        r.regions().forEach(x -> log(String.format(Locale.ROOT, "%s: %,d bytes, MD5 %s%s", FlashTexts.hex(x.offset()),
                x.length(), x.md5(), x.verified() ? " (verified by the board)" : "")));
        log(text);
        state.set(verified ? FlashState.VERIFIED : FlashState.WRITTEN);
    }

    private void log(String line) {
        log.add(TIME.format(clock.instant().atZone(clock.getZone() == null ? ZoneId.systemDefault() : clock.getZone()))
                + "  " + line);
    }

    private record Loaded(byte[] bytes, ImageInfo info, String summary, String details) {
    }

    private record Outcome(FlashResult result, RuntimeException error) {
    }
}
