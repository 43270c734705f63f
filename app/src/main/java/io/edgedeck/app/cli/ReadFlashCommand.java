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
        description = {"Reads LENGTH bytes of flash at OFFSET into FILE (a backup: 'flash OFFSET FILE' restores it). "
                + "The ROM loader answers 64 bytes per request, so large ranges take a while.",
                "Exit codes: 0 ok, 6 link or board failure, 130 cancelled (no file written)."})
public final class ReadFlashCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT", description = "Serial port or path.")
    String port;

    @Mixin
    LinkOptions link;

    @Parameters(index = "0", paramLabel = "OFFSET", description = "Flash offset (0x10000 or decimal).")
    String offset;

    @Parameters(index = "1", paramLabel = "LENGTH", description = "Bytes to read (0x100000, 1048576, 1M or 64k).")
    String length;

    @Parameters(index = "2", paramLabel = "FILE", description = "Where to save the bytes.")
    Path file;

    @Override
    public Integer call() {
        int at = FlashNumbers.parse(offset, "flash offset");
        int n = FlashNumbers.parse(length, "length");
        if (n == 0) {
            throw new IllegalArgumentException("LENGTH must be more than 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        ProgressPrinter progress = new ProgressPrinter(out, ProgressPrinter.stdoutIsTerminal(), 1, List.of(at));
        Backup b;
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(spec.commandLine().getErr())) {
            try {
                b = new FlashBackup(link.access()).read(port, link.connect(), at, n, file, progress.forPort(port),
                        interrupt.token);
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
