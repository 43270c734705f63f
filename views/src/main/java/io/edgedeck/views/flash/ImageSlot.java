package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.image.ImageInfo;
import io.edgedeck.link.esp32.image.ValidationProblem;
import io.edgedeck.link.esp32.image.Verdict;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One file to write: its role in the layout, its offset (editable), the file, what it is and whether the validation
 * gate lets it through. Changed on the FX thread only, by {@link FlashViewModel}.
 */
public final class ImageSlot {

    /** The files a layout can hold, with the offset ESP-IDF gives them on the original ESP32. */
    public enum Role {
        BOOTLOADER("Bootloader", 0x1000),
        PARTITION_TABLE("Partition table", 0x8000),
        APP("App", 0x10000),
        MERGED("Merged image", 0x0);

        private final String title;
        private final long defaultOffset;

        Role(String title, long defaultOffset) {
            this.title = title;
            this.defaultOffset = defaultOffset;
        }

        public String title() {
            return title;
        }

        public long defaultOffset() {
            return defaultOffset;
        }
    }

    public enum Status {
        /** No file yet. */
        EMPTY,
        /** Reading, parsing or validating in the background. */
        CHECKING,
        /** The gate accepts it (warnings may remain). */
        READY,
        /** The gate refuses it, or the file could not be read. */
        REFUSED
    }

    /** One line under the file: an error (red) or a warning (amber). */
    public record Problem(boolean error, String message) {
    }

    private final Role role;
    private final StringProperty offsetText;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.EMPTY);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private byte[] bytes;
    private ImageInfo info;
    long generation;

    ImageSlot(Role role) {
        this.role = role;
        this.offsetText = new SimpleStringProperty(this, "offsetText", FlashTexts.hex(role.defaultOffset()));
    }

    // ---- Properties

    public Role role() {
        return role;
    }

    /** What the user typed: {@code 0x10000} or decimal. */
    public StringProperty offsetTextProperty() {
        return offsetText;
    }

    /** The parsed offset, or -1 when the text is not a number. */
    public long offset() {
        return FlashTexts.parseOffset(offsetText.get());
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Status status() {
        return status.get();
    }

    /** One line: project, version, IDF, chip, size, checksum and SHA-256 state; or what the file is. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The full esptool-style image-info report (for a tooltip or a copy). */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Errors first, then warnings. */
    public ObservableList<Problem> problems() {
        return problems;
    }

    public String fileName() {
        return file.get() == null ? "" : file.get().getFileName().toString();
    }

    byte[] bytes() {
        return bytes;
    }

    ImageInfo info() {
        return info;
    }

    // ---- Changes (FX thread, from the view-model)

    void checking(Path path) {
        file.set(path);
        status.set(Status.CHECKING);
        summary.set("Reading " + path.getFileName() + "…");
        details.set("");
        problems.clear();
    }

    void loaded(byte[] bytes, ImageInfo info, String summaryText, String detailsText) {
        this.bytes = bytes;
        this.info = info;
        summary.set(summaryText);
        details.set(detailsText);
    }

    void unreadable(String message) {
        bytes = null;
        info = null;
        summary.set("");
        problems.setAll(new Problem(true, message));
        status.set(Status.REFUSED);
    }

    void revalidating() {
        status.set(Status.CHECKING);
    }

    void judged(Verdict verdict, List<Problem> extra) {
        List<Problem> all = new ArrayList<>(extra);
        for (ValidationProblem p : verdict.errors()) {
            all.add(new Problem(true, p.message()));
        }
        for (ValidationProblem p : verdict.warnings()) {
            all.add(new Problem(false, p.message()));
        }
        all.sort((a, b) -> Boolean.compare(b.error(), a.error()));
        problems.setAll(all);
        status.set(all.stream().anyMatch(Problem::error) ? Status.REFUSED : Status.READY);
    }
}
