package io.edgedeck.app.cli;

import io.edgedeck.link.esp32.flash.FlashJob;
import io.edgedeck.link.esp32.flash.RegionResult;
import io.edgedeck.link.esp32.flash.WriteOptions;
import io.edgedeck.link.esp32.image.ValidationPolicy;
import io.edgedeck.link.esp32.loader.FlashException;
import io.edgedeck.link.esp32.ops.BoardReport;
import io.edgedeck.link.esp32.ops.FlashOutcome;
import io.edgedeck.link.esp32.ops.FlashPlan;
import io.edgedeck.link.esp32.ops.GateReport;
import io.edgedeck.link.esp32.ops.ImageFile;
import io.edgedeck.link.esp32.ops.ImageRefusedException;
import io.edgedeck.link.esp32.ops.ParallelFlash;
import io.edgedeck.link.esp32.ops.SafeFlash;
import io.edgedeck.link.esp32.ops.TrustedKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "flash", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes firmware files to ESP32 boards over USB serial, like esptool write-flash: every file is "
                + "validated first (magic, chip, checksum, SHA-256, app slot, signature) and nothing is written if one "
                + "is refused; then compressed writes, an MD5 check of every region, and a reset into the new firmware.",
                "Several --port options flash the same files to every board in parallel, with a summary at the end.",
                "Exit codes: 0 all verified, 5 an image was refused (nothing written), 6 link or board failure, "
                        + "7 the partition to back up is not on the board (nothing written), 130 cancelled (Ctrl+C)."},
        footer = {"", "Examples:",
                "  edgedeck flash --port /dev/ttyUSB0 0x10000 app.bin",
                "  edgedeck flash --port /dev/ttyUSB0 0x1000 bootloader.bin 0x8000 partition-table.bin 0x10000 app.bin",
                "  edgedeck flash --port /dev/ttyUSB0 --port /dev/ttyUSB1 --backup old.bin 0x10000 app.bin",
                "  edgedeck flash --port /dev/ttyUSB0 --backup old-app.bin --backup-partition factory 0x10000 app.bin"})
public final class FlashCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT",
            description = "Serial port or path (/dev/ttyUSB0, COM3, /dev/pts/5); repeat to flash several boards at once.")
    List<String> ports;

    @Mixin
    LinkOptions link;

    @Option(names = "--no-compress", description = "Send the data uncompressed (slower; for troubleshooting).")
    boolean noCompress;

    @Option(names = "--no-verify", description = "Skip the MD5 check of each region after writing.")
    boolean noVerify;

    @Option(names = "--flash-size", paramLabel = "SIZE", defaultValue = "detect",
            description = "The board's flash: detect (default: read from the flash chip's JEDEC id), or 1MB, 2MB, 4MB, "
                    + "8MB, 16MB to override it (a chip that misreports). Sets what the ROM is told and what must fit; "
                    + "image headers are never rewritten.")
    String flashSize;

    @Option(names = "--backup", paramLabel = "FILE",
            description = "Before writing, save the flash the files will overwrite (lowest offset to highest end) to "
                    + "FILE; restore with 'flash LOWEST-OFFSET FILE'. With several boards: FILE-<port>.")
    Path backup;

    @Option(names = "--backup-partition", paramLabel = "NAME",
            description = "With --backup: save this partition of the table already on the board instead (e.g. "
                    + "factory, ota_0, nvs); restore with 'flash PARTITION-OFFSET FILE'.")
    String backupPartition;

    @Option(names = "--require-signed", description = "Refuse images that are not signed for Secure Boot by a --trusted-key.")
    boolean requireSigned;

    @Option(names = "--trusted-key", paramLabel = "FILE",
            description = "A Secure Boot public key (PEM) whose signatures are trusted; repeatable.")
    List<Path> trustedKeys = new ArrayList<>();

    @Parameters(paramLabel = "OFFSET FILE", arity = "2..*",
            description = "Pairs of flash offset (hex 0x10000 or decimal) and .bin file.")
    List<String> pairs;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (backupPartition != null && backup == null) {
            throw new IllegalArgumentException("--backup-partition " + backupPartition
                    + " needs --backup FILE (where to save the partition)");
        }
        FlashPlan plan = FlashPlan.of(files())
                .withConnect(link.connect().withFlashSize(flashSizeBytes(flashSize)))
                .withWrite(new WriteOptions(!noCompress, !noVerify))
                .withPolicy(policy())
                .withBackup(backup != null);
        if (backupPartition != null) {
            plan = plan.withBackupPartition(backupPartition);
        }

        GateReport precheck = SafeFlash.precheck(plan);
        if (!precheck.accepted()) {
            return refused(err, precheck);
        }
        precheck.warningLines().forEach(w -> out.println("warning: " + w));
        out.printf("%d file(s) checked: %s%n", plan.files().size(), plan.files().stream().map(ImageFile::toString).toList());
        out.flush();

        ProgressPrinter progress = new ProgressPrinter(out, ProgressPrinter.stdoutIsTerminal(), ports.size(),
                plan.files().stream().map(ImageFile::offset).toList());
        try (CancelOnInterrupt interrupt = new CancelOnInterrupt(err)) {
            if (ports.size() == 1) {
                return single(out, err, plan, progress, interrupt);
            }
            return parallel(out, plan, progress, interrupt);
        }
    }

    private int single(PrintWriter out, PrintWriter err, FlashPlan plan, ProgressPrinter progress,
                       CancelOnInterrupt interrupt) {
        String port = ports.getFirst();
        FlashOutcome o;
        try {
            o = new SafeFlash(link.access()).flash(port, plan, backup, progress.forPort(port), interrupt.token);
        } catch (ImageRefusedException e) {
            progress.endLine();
            return refused(err, e.report());
        } catch (FlashException e) {
            if (!interrupt.token.isCancelled()) {
                throw e;
            }
            // Ctrl+C can interrupt a serial read; the user cancelled, the link did not fail
            progress.endLine();
            err.println("edgedeck: cancelled; the flash is incomplete (flash again before booting the board); port released.");
            return ExitCodes.CANCELLED;
        } finally {
            progress.endLine();
        }
        printOutcome(out, "", o);
        if (!o.completed()) {
            err.println("edgedeck: cancelled; the flash is incomplete (flash again before booting the board); port released.");
            return ExitCodes.CANCELLED;
        }
        return ExitCodes.OK;
    }

    private int parallel(PrintWriter out, FlashPlan plan, ProgressPrinter progress, CancelOnInterrupt interrupt) {
        List<BoardReport> reports = new ParallelFlash(link.access()).flash(ports, plan,
                port -> ParallelFlash.backupFileFor(backup, port, ports.size()), progress, interrupt.token);
        progress.endLine();
        for (BoardReport r : reports) {
            r.outcome().ifPresent(o -> printOutcome(out, "[" + r.port() + "] ", o));
            r.error().ifPresent(e -> out.println("[" + r.port() + "] " + r.status() + ": " + e));
        }
        out.println();
        int width = Math.max(4, reports.stream().mapToInt(r -> r.port().length()).max().orElse(4));
        out.printf("%-" + width + "s  %-9s  %8s  %s%n", "PORT", "RESULT", "TIME", "DETAIL");
        for (BoardReport r : reports) {
            String detail = r.outcome().map(o -> o.chip().chip().displayName() + " " + o.chip().mac())
                    .orElse(r.code().map(Enum::name).orElse(r.status().name()));
            out.printf("%-" + width + "s  %-9s  %8s  %s%n", r.port(), r.status(), FlashNumbers.seconds(r.elapsed()), detail);
        }
        long ok = reports.stream().filter(BoardReport::ok).count();
        out.printf("%d of %d boards flashed%s%n", ok, reports.size(), ok == reports.size() ? "" : " — see the messages above");
        out.flush();
        if (interrupt.token.isCancelled()) {
            return ExitCodes.CANCELLED;
        }
        if (reports.stream().anyMatch(r -> r.status() == BoardReport.Status.REFUSED)) {
            return ExitCodes.IMAGE_REFUSED;
        }
        if (reports.stream().anyMatch(r -> r.status() == BoardReport.Status.FAILED)) {
            return ExitCodes.LINK;
        }
        if (reports.stream().anyMatch(r -> r.status() == BoardReport.Status.CANCELLED)) {
            return ExitCodes.CANCELLED;
        }
        return ExitCodes.OK;
    }

    /** {@code detect} → 0; {@code 4MB}, {@code 4M}, {@code 4} → 4 MiB; only 1, 2, 4, 8 and 16 MB. */
    static int flashSizeBytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.equals("DETECT")) {
            return FlashJob.DETECT_FLASH_SIZE;
        }
        String digits = t.endsWith("MB") ? t.substring(0, t.length() - 2) : t.endsWith("M") ? t.substring(0, t.length() - 1) : t;
        return switch (digits) {
            case "1", "2", "4", "8", "16" -> Integer.parseInt(digits) * 1024 * 1024;
            default -> throw new IllegalArgumentException("--flash-size takes detect, 1MB, 2MB, 4MB, 8MB or 16MB, not '"
                    + text + "'");
        };
    }

    private static void printOutcome(PrintWriter out, String prefix, FlashOutcome o) {
        out.printf("%s%s%s, MAC %s, crystal %d MHz%n", prefix, o.chip().model(),
                o.chip().revision().map(r -> " revision " + r).orElse(""), o.chip().mac(), o.chip().crystalMhz());
        o.gate().warningLines().forEach(w -> out.println(prefix + "warning: " + w));
        o.backup().ifPresent(b -> out.printf("%sbackup: 0x%X, %,d bytes, MD5 %s saved to %s (restore: flash 0x%X %s)%n",
                prefix, b.offset(), b.length(), b.md5(), b.file(), b.offset(), b.file()));
        for (RegionResult r : o.result().regions()) {
            out.printf("%s0x%06X  %,9d bytes  MD5 %s  %s%n", prefix, r.offset(), r.length(), r.md5(),
                    r.verified() ? "verified" : "not verified");
        }
        if (o.completed()) {
            double seconds = Math.max(1e-3, o.result().elapsed().toNanos() / 1e9);
            out.printf(Locale.ROOT, "%sWrote %,d bytes in %.1f s (%,.0f kbit/s)%s%n", prefix, o.result().bytesWritten(),
                    seconds, o.result().bytesWritten() * 8 / 1000.0 / seconds,
                    o.resetDone() ? "; board reset into the new firmware" : "; press EN (RESET) to start the new firmware");
        }
        out.flush();
    }

    private int refused(PrintWriter err, GateReport report) {
        err.println("edgedeck: refused to flash; nothing was written:");
        report.errorLines().forEach(e -> err.println("  " + e));
        err.flush();
        return ExitCodes.IMAGE_REFUSED;
    }

    private List<ImageFile> files() throws IOException {
        if (pairs.size() % 2 != 0) {
            throw new IllegalArgumentException("give OFFSET FILE pairs; '" + pairs.getLast() + "' has no partner");
        }
        List<ImageFile> files = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            int offset = FlashNumbers.parse(pairs.get(i), "flash offset");
            Path file = Path.of(pairs.get(i + 1));
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(Files.exists(file) ? file + " is not a file" : "there is no file " + file);
            }
            try {
                files.add(ImageFile.read(offset, file));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("there is no file " + file);
            }
        }
        return files;
    }

    private ValidationPolicy policy() throws IOException {
        if (requireSigned && trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("--require-signed needs at least one --trusted-key FILE (a PEM public key)");
        }
        List<PublicKey> keys = new ArrayList<>();
        for (Path k : trustedKeys) {
            if (!Files.isRegularFile(k)) {
                throw new IllegalArgumentException("there is no key file " + k);
            }
            keys.add(TrustedKeys.readPem(k));
        }
        return new ValidationPolicy(requireSigned, Set.of(), keys);
    }
}
