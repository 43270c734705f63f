package io.edgedeck.db;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A second "EdgeDeck process" for tests, started as a child JVM.
 * <ul>
 * <li>{@code hold <path>}: opens the store, prints OPEN, keeps it open until stdin ends, closes it.</li>
 * <li>{@code commit-and-crash <path> <n>}: commits the first of n readings, then the others, prints COMMITTED,
 * then halts without closing (no shutdown hooks, no H2 close), like a killed process. The second commit only
 * advances the device's last seen, which the device table gets later (write-behind), so the crash loses it there.</li>
 * </ul>
 */
public final class StoreHolder {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path path = Path.of(args[1]);
        switch (args[0]) {
            case "hold" -> {
                try (LocalStore store = LocalStore.open(path)) {
                    out.println("OPEN " + store.location());
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                }
                out.println("CLOSED");
            }
            case "commit-and-crash" -> {
                LocalStore store = LocalStore.open(path);
                List<Reading> readings = Fixtures.plugSeries("crash-plug", Fixtures.T0, Integer.parseInt(args[2]));
                CommitResult first = store.writer().commit(IngestBatch.of(readings.subList(0, 1)));
                CommitResult rest = store.writer().commit(IngestBatch.of(readings.subList(1, readings.size())));
                out.println("COMMITTED " + (first.readingsStored() + rest.readingsStored()));
                Runtime.getRuntime().halt(0);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
