package io.edgedeck.app.cli;

import io.edgedeck.link.esp32.loader.FlashException;
import io.edgedeck.link.esp32.ops.Backup;
import io.edgedeck.link.esp32.ops.FlashBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

@Command(name = "read-flash", mixinStandardHelpOptions = true,
        description = {"Reads LENGTH bytes of flash at OFFSET into FILE, or with --partition NAME that partition of the "
                + "board's partition table (a backup: 'flash OFFSET FILE' restores it). The ROM loader answers 64 bytes "
                + "per request, so large ranges take a while.",
                "Exit codes: 0 ok, 2 bad usage, 6 link or board failure, 7 no partition table or no such partition, "
                        + "130 cancelled (no file written)."},
        footer = {"", "Examples:",
                "  edgedeck read-flash --port /dev/ttyUSB0 0x10000 0x100000 app-backup.bin",
                "  edgedeck read-flash --port /dev/ttyUSB0 --partition nvs nvs-backup.bin"})
public final class ReadFlashCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT", description = "Serial port or path.")
    String port;

    @Option(names = "--partition", paramLabel = "NAME",
            description = "Read this partition (factory, ota_0, nvs, ...) of the table on the board: then only FILE is given.")
    String partition;

    @Mixin
    LinkOptions link;

    @Parameters(paramLabel = "[OFFSET LENGTH] FILE", arity = "1..3",
            description = "Flash offset (0x10000 or decimal), bytes to read (0x100000, 1048576, 1M or 64k) and the file "
                    + "to save them in; with --partition only the file.")
    List<String> args;

    @Override
    public Integer call() {
        int at;
        int n;
        Path file;
        if (partition != null) {
            if (args.size() != 1) {
                throw new IllegalArgumentException("With --partition give only the FILE to save it in, not " + args);
            }
            at = -1;
            n = -1;
            file = Path.of(args.getFirst());
        } else {
            if (args.size() != 3) {
                throw new IllegalArgumentException("Give OFFSET LENGTH FILE (or --partition NAME FILE), not " + args);
            }
            at = FlashNumbers.parse(args.get(0), "flash offset");
            n = FlashNumbers.parse(args.get(1), "length");
            if (n == 0) {
                throw new IllegalArgumentException("LENGTH must be more than 0");
            }
            file = Path.of(args.get(2));
        }
        PrintWriter out = spec.commandLine().getOut();
        ProgressPrinter progress = new ProgressPrinter(out, ProgressPrinter.stdoutIsTerminal(), 1,
                at >= 0 ? List.of(at) : List.of());
        Backup b;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(spec.commandLine().getErr())) {
            try {
                FlashBackup reader = new FlashBackup(link.access());
                b = partition != null
                        ? reader.readPartition(port, link.connect(), partition, file, progress.forPort(port), interrupt.token)
                        : reader.read(port, link.connect(), at, n, file, progress.forPort(port), interrupt.token);
            } catch (CancellationException | FlashException e) {
                // Ctrl+C can interrupt a serial read: when the user cancelled, say so rather than "link lost"
                if (e instanceof FlashException f && !interrupt.token.isCancelled()) {
                    throw f;
                }
                progress.endLine();
                spec.commandLine().getErr().println("edgedeck: cancelled; nothing was saved; port released.");
                return ExitCodes.CANCELLED;
            } finally {
                progress.endLine();
            }
        }
        out.printf("Read 0x%X, %,d bytes, MD5 %s -> %s%n", b.offset(), b.length(), b.md5(), b.file());
        out.flush();
        return ExitCodes.OK;
    }
}
