package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.Phase;
import io.edgedeck.link.esp32.flash.Progress;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Turns the flasher's progress reports into what a display shows: percent of the current region, the rate in
 * kbit/s of image bytes (uncompressed, as esptool counts) and the time left. The rate is measured per region,
 * from its first written byte. Not thread-safe: one meter per board.
 */
public final class ProgressMeter {

    /** What to show now. {@code eta} is empty until a rate is known. */
    public record Reading(Phase phase, int region, int regionCount, long regionDone, long regionTotal, int percent,
                          double kbitPerSecond, Optional<Duration> eta) {
    }

    private final LongSupplier nanoClock;
    private int region = Integer.MIN_VALUE;
    private Phase phase;
    private long startNanos;
    private long startBytes;

    public ProgressMeter() {
        this(System::nanoTime);
    }

    public ProgressMeter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public Reading update(Progress p) {
        long now = nanoClock.getAsLong();
        if (p.region() != region || p.phase() != phase) {
            region = p.region();
            phase = p.phase();
            startNanos = now;
            startBytes = p.regionDone();
        }
        int percent = p.regionTotal() == 0 ? (p.phase() == Phase.DONE ? 100 : 0)
                : (int) (100 * p.regionDone() / p.regionTotal());
        double seconds = (now - startNanos) / 1e9;
        long moved = p.regionDone() - startBytes;
        double kbps = seconds > 0.05 && moved > 0 ? moved * 8 / 1000.0 / seconds : 0;
        Optional<Duration> eta = kbps > 0
                ? Optional.of(Duration.ofMillis((long) ((p.regionTotal() - p.regionDone()) * 8 / kbps)))
                : Optional.empty();
        return new Reading(p.phase(), p.region(), p.regionCount(), p.regionDone(), p.regionTotal(), percent, kbps, eta);
    }
}
