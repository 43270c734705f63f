package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.flash.Phase;
import io.edgedeck.link.esp32.flash.Progress;
import io.edgedeck.link.esp32.flash.RegionResult;
import io.edgedeck.link.esp32.ops.BoardReport;
import io.edgedeck.link.esp32.ops.FlashOutcome;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.List;
import java.util.Locale;

/**
 * One board of a several-boards flash: the port, whether it is selected, and while and after flashing its own
 * phase, progress (bytes, kbit/s, ETA) and verdict. Changed on the FX thread only, by {@link FlashViewModel}.
 */
public final class BoardRow {
    private final PortChoice port;
    private final BooleanProperty selected = new SimpleBooleanProperty(this, "selected", false);
    private final ReadOnlyObjectWrapper<FlashState> state = new ReadOnlyObjectWrapper<>(this, "state", FlashState.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper(this, "phaseText", "");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper verdictText = new ReadOnlyStringWrapper(this, "verdictText", "");

    private List<Integer> offsets = List.of();
    private ProgressCoalescer.Stamped writeStart;

    BoardRow(PortChoice port) {
        this.port = port;
    }

    // ---- Properties

    public PortChoice port() {
        return port;
    }

    public String path() {
        return port.path();
    }

    /** Ticked: flashed by the next several-boards flash. */
    public BooleanProperty selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<FlashState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** 0..1, or -1 (indeterminate) while connecting. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** {@code Writing region 1/1 at 0x10000}. */
    public ReadOnlyStringProperty phaseTextProperty() {
        return phaseText.getReadOnlyProperty();
    }

    /** {@code 524,288 / 1,048,576 bytes (50 %) · 1,234 kbit/s · ETA 0:07}. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** {@code Verified — MD5 …}, the refusal, the failure or {@code Cancelled}. */
    public ReadOnlyStringProperty verdictTextProperty() {
        return verdictText.getReadOnlyProperty();
    }

    // ---- Changes (FlashViewModel, FX thread)

    void start(List<Integer> jobOffsets) {
        offsets = List.copyOf(jobOffsets);
        writeStart = null;
        state.set(FlashState.FLASHING);
        progress.set(-1);
        phaseText.set("Waiting…");
        progressText.set("");
        verdictText.set("");
    }

    /** Other files or mode: the last verdict no longer describes what would be written. */
    void reset() {
        if (!state.get().busy()) {
            state.set(FlashState.IDLE);
            progress.set(0);
            phaseText.set("");
            progressText.set("");
            verdictText.set("");
        }
    }

    void cancelling() {
        if (state.get() == FlashState.FLASHING) {
            state.set(FlashState.CANCELLING);
        }
    }

    /** Coalesced progress from this board's flashing thread. */
    void onProgress(List<ProgressCoalescer.Stamped> changes, ProgressCoalescer.Stamped latest) {
        if (!state.get().busy()) {
            return;
        }
        for (ProgressCoalescer.Stamped s : changes) {
            if (s.progress().phase() == Phase.WRITING && writeStart == null) {
                writeStart = s;
            }
        }
        if (latest == null) {
            return;
        }
        Progress p = latest.progress();
        if (p.phase() == Phase.WRITING && writeStart == null) {
            writeStart = latest;
        }
        phaseText.set(FlashTexts.phase(p, port.path(), offsets));
        progress.set(p.phase() == Phase.CONNECTING || p.total() == 0 ? -1 : p.fraction());
        progressText.set(FlashTexts.progressLine(p, rate(latest)));
    }

    private double rate(ProgressCoalescer.Stamped now) {
        if (writeStart == null || now.nanos() <= writeStart.nanos()) {
            return Double.NaN;
        }
        long bytes = now.progress().done() - writeStart.progress().done();
        return bytes * 1e9 / (now.nanos() - writeStart.nanos());
    }

    /** The board's verdict; returns the line for the log. */
    String finish(BoardReport r) {
        FlashState s = switch (r.status()) {
            case VERIFIED -> FlashState.VERIFIED;
            case WRITTEN -> FlashState.WRITTEN;
            case CANCELLED -> FlashState.CANCELLED;
            case REFUSED -> FlashState.REFUSED;
            case FAILED -> FlashState.FAILED;
        };
        String verdict = switch (s) {
            case VERIFIED, WRITTEN -> {
                FlashOutcome o = r.outcome().orElseThrow();
                List<RegionResult> regions = o.result().regions();
                long total = regions.stream().mapToLong(RegionResult::length).sum();
                double seconds = Math.max(1e-3, o.result().elapsed().toNanos() / 1e9);
                progress.set(1);
                progressText.set(String.format(Locale.ROOT, "%,d bytes in %.1f s · %s", total, seconds,
                        FlashTexts.rate(total / seconds)));
                yield (s == FlashState.VERIFIED ? "Verified" : "Written (not verified)")
                        + (regions.size() == 1 ? " — MD5 " + regions.getFirst().md5() : " — " + regions.size() + " regions");
            }
            case CANCELLED -> "Cancelled: the board may hold a partial image; flash it again before use.";
            case REFUSED -> r.error().orElse("Refused to flash, nothing was written.");
            default -> "Failed: " + r.error().orElse("unknown error") + r.code().map(c -> " [" + c + "]").orElse("");
        };
        if (s != FlashState.VERIFIED && s != FlashState.WRITTEN) {
            progress.set(0);
        }
        phaseText.set(switch (s) {
            case VERIFIED, WRITTEN -> "Done";
            case CANCELLED -> "Cancelled";
            case REFUSED -> "Refused";
            default -> "Failed";
        });
        verdictText.set(verdict);
        state.set(s);
        return port.path() + ": " + verdict;
    }
}
