package io.edgedeck.app.cli;

import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Resolution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a device's readings (or its 1m/1h/1d rollups) in a time range as CSV with a header row.")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "PATH", description = "The EdgeDeck database file.")
    Path db;

    @Option(names = "--device", required = true, paramLabel = "ID", description = "Device id, e.g. sim-plug-01.")
    String device;

    @Option(names = "--from", required = true, paramLabel = "ISO",
            description = "Start (inclusive): 2026-11-25, 2026-11-25T08:00 (local time) or 2026-11-25T08:00:00Z.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ISO", description = "End (exclusive), same forms as --from, or 'now'.")
    String to;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT", description = "Output format: csv (default).")
    String format;

    @Option(names = "--resolution", defaultValue = "raw", paramLabel = "RES",
            description = "raw (default): every reading; 1m, 1h or 1d: one row per bucket with min, max, mean and count"
                    + " per field and the bucket's energy (kWh).")
    String resolution;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path outFile;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone for dates without an offset (default: this computer's).")
    ZoneId zone;

    @Override
    public Integer call() throws Exception {
        if (!format.equalsIgnoreCase("csv")) {
            throw new IllegalArgumentException("unknown format '" + format + "' (supported: csv)");
        }
        Resolution res = Resolution.fromLabel(resolution).orElseThrow(() -> new IllegalArgumentException(
                "unknown resolution '" + resolution + "' (supported: raw, 1m, 1h, 1d)"));
        ZoneId z = zone != null ? zone : ZoneId.systemDefault();
        Instant start = Instants.parse(from, z);
        Instant end = Instants.parse(to, z);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("--to (" + end + ") must be after --from (" + start + ")");
        }
        if (!Files.exists(db) && !Files.exists(Path.of(db + ".mv.db"))) {
            throw new IllegalArgumentException("there is no EdgeDeck database at " + db);
        }
        try (LocalStore store = LocalStore.open(db)) {
            if (store.devices().find(device).isEmpty()) {
                throw new IllegalArgumentException("the database has no device '" + device + "'"
                        + knownDevicesHint(store));
            }
            long rows;
            if (outFile != null) {
                try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
                    rows = store.readings().exportCsv(device, start, end, res, w);
                }
            } else {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                rows = store.readings().exportCsv(device, start, end, res, w);
                w.flush();
            }
            spec.commandLine().getErr().printf("exported %,d %s of %s%s%n", rows,
                    res == Resolution.RAW ? "rows" : res.label() + " buckets", device,
                    outFile != null ? " to " + outFile : "");
        }
        return ExitCodes.OK;
    }

    private static String knownDevicesHint(LocalStore store) {
        var ids = store.devices().all().stream().map(d -> d.id()).limit(10).toList();
        return ids.isEmpty() ? " (it has no devices at all)" : "; known devices include: " + String.join(", ", ids);
    }
}
