package io.edgedeck.app.cli;

import io.edgedeck.db.StoreCompaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "compact", mixinStandardHelpOptions = true,
        description = "Shrinks a database file after retention deleted much history (H2 reuses freed space but the file "
                + "does not shrink by itself). The database must not be in use: stop the console or collect first.")
public final class CompactCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "PATH", description = "The EdgeDeck database file.")
    Path db;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Compacting %s …%n", db);
        out.flush();
        long start = System.nanoTime();
        StoreCompaction.Result r = StoreCompaction.compact(db);
        out.printf("Compacted %s: %s → %s in %.1f s%n", r.file(), mb(r.bytesBefore()), mb(r.bytesAfter()),
                (System.nanoTime() - start) / 1e9);
        return ExitCodes.OK;
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
