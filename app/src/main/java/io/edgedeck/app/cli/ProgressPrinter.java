package io.edgedeck.app.cli;

import io.edgedeck.link.esp32.flash.Phase;
import io.edgedeck.link.esp32.flash.Progress;
import io.edgedeck.link.esp32.ops.BoardProgress;
import io.edgedeck.link.esp32.ops.ProgressMeter;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints flasher progress: per region bytes, percent, kbit/s and time left. On a terminal with one board it
 * rewrites one line with {@code \r}; otherwise (a log, a pipe, several boards) it prints a line at most every
 * 0.5 s per board, plus one at every phase change and at 100 %. Several boards get their port as a prefix.
 */
final class ProgressPrinter implements BoardProgress {
    private static final long LINE_INTERVAL_NANOS = 500_000_000L;
    private static final long TTY_INTERVAL_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean rewrite;
    private final boolean prefix;
    private final List<Integer> offsets;
    private final Map<String, BoardState> boards = new HashMap<>();
    private boolean openLine;

    private static final class BoardState {
        final ProgressMeter meter = new ProgressMeter();
        Phase phase;
        int region = Integer.MIN_VALUE;
        long lastPrint;
    }

    /**
     * @param offsets the regions' flash offsets, to name them in the lines (may be empty)
     */
    ProgressPrinter(PrintWriter out, boolean terminal, int boards, List<Integer> offsets) {
        this.out = out;
        this.prefix = boards > 1;
        this.rewrite = terminal && boards == 1;
        this.offsets = List.copyOf(offsets);
    }

    /** Whether standard output is an interactive terminal. */
    static boolean stdoutIsTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public synchronized void onProgress(String port, Progress p) {
        BoardState s = boards.computeIfAbsent(port, k -> new BoardState());
        ProgressMeter.Reading r = s.meter.update(p);
        long now = System.nanoTime();
        boolean changed = p.phase() != s.phase || p.region() != s.region;
        boolean complete = p.regionTotal() > 0 && p.regionDone() >= p.regionTotal();
        s.phase = p.phase();
        s.region = p.region();
        if (p.phase() == Phase.DONE) {
            return;
        }
        boolean streaming = p.phase() == Phase.WRITING || p.phase() == Phase.READING;
        long interval = rewrite ? TTY_INTERVAL_NANOS : LINE_INTERVAL_NANOS;
        if (!changed && streaming && !complete && now - s.lastPrint < interval) {
            return;
        }
        if (!changed && !streaming) {
            return;
        }
        s.lastPrint = now;
        String line = (prefix ? "[" + port + "] " : "") + describe(r);
        if (rewrite && streaming) {
            out.print("\r" + line + "   ");
            openLine = true;
        } else {
            endLine();
            out.println(line);
        }
        out.flush();
    }

    /** Ends a {@code \r} line so the next output starts on its own line. */
    synchronized void endLine() {
        if (openLine) {
            out.println();
            openLine = false;
        }
    }

    private String describe(ProgressMeter.Reading r) {
        return switch (r.phase()) {
            case CONNECTING -> "connecting...";
            case ERASING -> "erasing " + region(r) + "...";
            case WRITING -> "writing " + region(r) + ": " + amounts(r);
            case READING -> "reading: " + amounts(r);
            case VERIFYING -> "verifying " + region(r) + " (MD5)...";
            case RESETTING -> "resetting...";
            case DONE -> "done";
        };
    }

    private String region(ProgressMeter.Reading r) {
        String where = r.region() >= 0 && r.region() < offsets.size() ? String.format("0x%X ", offsets.get(r.region())) : "";
        return where + "(" + (r.region() + 1) + "/" + r.regionCount() + ")";
    }

    private static String amounts(ProgressMeter.Reading r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%,d / %,d bytes %3d%%", r.regionDone(),
                r.regionTotal(), r.percent()));
        if (r.kbitPerSecond() > 0) {
            b.append(String.format(Locale.ROOT, "  %,.0f kbit/s", r.kbitPerSecond()));
        }
        r.eta().ifPresent(eta -> b.append("  ETA ").append(FlashNumbers.duration(eta)));
        return b.toString();
    }
}
