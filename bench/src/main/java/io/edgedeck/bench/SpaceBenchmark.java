package io.edgedeck.bench;

import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Reading;
import io.edgedeck.db.RetentionPolicy;
import io.edgedeck.db.StoreMaintenance;
import io.edgedeck.db.StoreSpace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/space: a steady fleet ({@code --plugs} plugs at 1 Hz, one commit per simulated second, as fast as the writer
 * goes) with raw retention shortened to {@code --raw-hours} and run every 10 simulated minutes, so rows are inserted
 * and deleted all the time. Every simulated half hour it prints the file size against the live data
 * ({@link StoreSpace}) and the writer's longest and 99th-percentile commit of that half hour. Mode "off" leaves H2 as
 * it is with WRITE_DELAY=0; "on" runs {@link StoreMaintenance} on a thread of its own every {@code --every-ms} with a
 * budget of {@code --budget-ms}; "both" runs off, then on, each on a new file.
 */
public final class SpaceBenchmark {
    static final long SECOND = 1000;
    static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    public static void main(String[] args) throws Exception {
        int plugs = 100;
        double hours = 6;
        int rawHours = 1;
        String mode = "both";
        long everyMs = 1000;
        long budgetMs = 200;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--plugs" -> plugs = Integer.parseInt(args[++i]);
                case "--hours" -> hours = Double.parseDouble(args[++i]);
                case "--raw-hours" -> rawHours = Integer.parseInt(args[++i]);
                case "--mode" -> mode = args[++i];
                case "--every-ms" -> everyMs = Long.parseLong(args[++i]);
                case "--budget-ms" -> budgetMs = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --plugs N, --hours H,"
                        + " --raw-hours H, --mode off|on|both, --every-ms M, --budget-ms B, --dir DIR)");
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("edgedeck-space-bench");
        }
        System.out.printf("space benchmark: %d plugs at 1 Hz, %.1f simulated hours, raw kept %d h; machine: %d cores,"
                        + " JVM %s%n", plugs, hours, rawHours, Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        List<String> modes = mode.equals("both") ? List.of("off", "on") : List.of(mode);
        for (String m : modes) {
            Path file = dir.resolve("space-" + m);
            run(file, m.equals("on"), plugs, hours, rawHours, everyMs, budgetMs);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".mv.db"));
        }
        System.exit(0);
    }

    private static void run(Path file, boolean maintain, int plugs, double hours, int rawHours, long everyMs,
                            long budgetMs) throws Exception {
        RetentionPolicy policy = new RetentionPolicy(Duration.ofHours(rawHours), Duration.ofDays(30),
                Duration.ofDays(365), Duration.ofDays(5 * 365));
        System.out.printf("%nmaintenance %s%s; file %s%n", maintain ? "ON" : "OFF",
                maintain ? " (every " + everyMs + " ms, budget " + budgetMs + " ms)" : "", file);
        System.out.printf("  %6s %9s %9s %7s %6s %7s %7s %8s %9s %9s %8s%n", "sim h", "raw rows", "file MB",
                "live MB", "ratio", "fill %", "chunk%", "chunks", "commit p99", "longest", "wall s");
        try (LocalStore store = LocalStore.open(file)) {
            HistoryBenchmark.Gen[] gens = new HistoryBenchmark.Gen[plugs];
            for (int p = 0; p < plugs; p++) {
                gens[p] = new HistoryBenchmark.Gen(String.format("plug-%03d", p), p);
            }
            AtomicLong steps = new AtomicLong();
            AtomicLong longestStep = new AtomicLong();
            Thread maintainer = null;
            if (maintain) {
                maintainer = Thread.ofPlatform().name("space-maintenance").daemon().start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        StoreMaintenance.Run r = store.maintenance().runOnce(Duration.ofMillis(budgetMs));
                        steps.addAndGet(r.steps());
                        longestStep.accumulateAndGet(r.longestStep().toNanos(), Math::max);
                        try {
                            Thread.sleep(everyMs);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            long end = START + (long) (hours * 3_600_000L);
            long wall0 = System.nanoTime();
            long[] commits = new long[1800];
            int n = 0;
            long longestAll = 0;
            List<Long> allCommits = new ArrayList<>();
            for (long t = START; t < end; t += SECOND) {
                List<Reading> batch = new ArrayList<>(plugs);
                for (HistoryBenchmark.Gen g : gens) {
                    batch.addAll(g.seconds(t, t + SECOND));
                }
                long c0 = System.nanoTime();
                store.writer().commit(IngestBatch.of(batch));
                long took = System.nanoTime() - c0;
                commits[n++] = took;
                allCommits.add(took);
                longestAll = Math.max(longestAll, took);
                long sim = t + SECOND - START;
                if (sim % 600_000 == 0) {
                    store.retention().runOnce(policy, Instant.ofEpochMilli(t + SECOND));
                }
                if (sim % 1_800_000 == 0) {
                    StoreSpace s = store.space();
                    long[] sorted = Arrays.copyOf(commits, n);
                    Arrays.sort(sorted);
                    System.out.printf("  %6.1f %,9d %9.1f %7.1f %6.2f %7d %7d %8d %8.1fms %7.1fms %8.0f%n",
                            sim / 3.6e6, store.readings().count(), s.fileBytes() / 1e6, s.liveBytes() / 1e6,
                            s.ratio(), s.fillRate(), s.chunksFillRate(), s.chunkCount(),
                            sorted[(int) (n * 0.99)] / 1e6, sorted[n - 1] / 1e6, (System.nanoTime() - wall0) / 1e9);
                    n = 0;
                }
            }
            if (maintainer != null) {
                maintainer.interrupt();
                maintainer.join();
            }
            long[] all = allCommits.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  whole run: %,d commits, median %.1f ms, p99 %.1f ms, p99.9 %.1f ms, longest %.1f ms;"
                            + " %,d readings/s%n", all.length, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)]
                            / 1e6, all[(int) (all.length * 0.999)] / 1e6, longestAll / 1e6,
                    (long) (all.length * (double) plugs / ((System.nanoTime() - wall0) / 1e9)));
            if (maintain) {
                System.out.printf("  maintenance: %,d steps, longest step %.1f ms%n", steps.get(),
                        longestStep.get() / 1e6);
            }
        }
    }
}
