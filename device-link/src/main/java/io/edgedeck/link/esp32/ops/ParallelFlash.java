package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.CancelToken;
import io.edgedeck.link.esp32.flash.FlashResult;
import io.edgedeck.link.esp32.flash.RegionResult;
import io.edgedeck.link.esp32.loader.FlashException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The same plan on several boards at once, one platform thread per port (serial reads block in native code): a
 * production line's "flash them all". The images are checked once before any port is opened; each board then
 * gets its own verdict — one board failing does not stop the others.
 */
public final class ParallelFlash {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelFlash.class);

    private final SafeFlash flasher;

    public ParallelFlash(BoardAccess access) {
        this.flasher = new SafeFlash(access);
    }

    /**
     * @param backupFiles the backup file for each port when the plan asks for backups (see {@link #backupFileFor})
     * @throws ImageRefusedException when the images are refused before any board is touched
     */
    public List<BoardReport> flash(List<String> ports, FlashPlan plan, Function<String, Path> backupFiles,
                                   BoardProgress progress, CancelToken cancel) {
        return flash(ports, plan, backupFiles, progress, cancel, r -> { });
    }

    /**
     * @param onEachDone called with each board's report as soon as that board is done (on its own thread), so a UI
     *                   can show one board's verdict while the others are still writing
     * @throws ImageRefusedException when the images are refused before any board is touched
     */
    public List<BoardReport> flash(List<String> ports, FlashPlan plan, Function<String, Path> backupFiles,
                                   BoardProgress progress, CancelToken cancel, Consumer<BoardReport> onEachDone) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("no port given");
        }
        if (new LinkedHashSet<>(ports).size() != ports.size()) {
            throw new IllegalArgumentException("a port is listed twice: " + ports);
        }
        GateReport offline = SafeFlash.precheck(plan);
        if (!offline.accepted()) {
            throw new ImageRefusedException(offline);
        }
        BoardProgress bp = progress == null ? BoardProgress.NONE : progress;
        CancelToken c = cancel == null ? new CancelToken() : cancel;
        ExecutorService pool = Executors.newFixedThreadPool(ports.size(), r -> {
            Thread t = new Thread(r, "flash-board");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<BoardReport>> futures = new ArrayList<>();
            for (String port : ports) {
                Path backup = plan.backup() && backupFiles != null ? backupFiles.apply(port) : null;
                futures.add(pool.submit(() -> {
                    BoardReport r = one(port, plan, backup, bp, c);
                    onEachDone.accept(r);
                    return r;
                }));
            }
            List<BoardReport> reports = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                reports.add(join(ports.get(i), futures.get(i)));
            }
            return List.copyOf(reports);
        } finally {
            pool.shutdownNow();
        }
    }

    private BoardReport one(String port, FlashPlan plan, Path backup, BoardProgress progress, CancelToken cancel) {
        long started = System.nanoTime();
        try {
            FlashOutcome o = flasher.flash(port, plan, backup, progress.forPort(port), cancel);
            return new BoardReport(port, statusOf(o.result()), Optional.of(o), Optional.empty(), Optional.empty(),
                    since(started));
        } catch (ImageRefusedException e) {
            return new BoardReport(port, BoardReport.Status.REFUSED, Optional.empty(), Optional.of(e.getMessage()),
                    Optional.empty(), since(started));
        } catch (FlashException e) {
            return new BoardReport(port, BoardReport.Status.FAILED, Optional.empty(), Optional.of(e.getMessage()),
                    Optional.of(e.code()), since(started));
        } catch (BoardStateException e) {
            return new BoardReport(port, BoardReport.Status.FAILED, Optional.empty(), Optional.of(e.getMessage()),
                    Optional.empty(), since(started));
        } catch (RuntimeException e) {
            LOG.error("Flashing {} failed unexpectedly", port, e);
            return new BoardReport(port, BoardReport.Status.FAILED, Optional.empty(),
                    Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    Optional.empty(), since(started));
        }
    }

    private static BoardReport.Status statusOf(FlashResult r) {
        if (!r.completed()) {
            return BoardReport.Status.CANCELLED;
        }
        return r.regions().stream().allMatch(RegionResult::verified) ? BoardReport.Status.VERIFIED
                : BoardReport.Status.WRITTEN;
    }

    private static BoardReport join(String port, Future<BoardReport> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BoardReport(port, BoardReport.Status.CANCELLED, Optional.empty(), Optional.of("interrupted"),
                    Optional.empty(), Duration.ZERO);
        } catch (ExecutionException e) {
            return new BoardReport(port, BoardReport.Status.FAILED, Optional.empty(),
                    Optional.of(String.valueOf(e.getCause())), Optional.empty(), Duration.ZERO);
        }
    }

    /**
     * The backup file for {@code port}: {@code base} itself for a single board, else {@code base} with the port's
     * name before the extension ({@code backup.bin} → {@code backup-ttyUSB0.bin}).
     */
    public static Path backupFileFor(Path base, String port, int boards) {
        if (boards <= 1) {
            return base;
        }
        String portName = port.replaceAll(".*[/\\\\]", "").replaceAll("[^A-Za-z0-9._-]", "_");
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String file = dot > 0 ? name.substring(0, dot) + "-" + portName + name.substring(dot) : name + "-" + portName;
        return base.resolveSibling(file);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
