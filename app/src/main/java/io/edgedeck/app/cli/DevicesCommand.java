package io.edgedeck.app.cli;

import io.edgedeck.db.LocalStore;
import io.edgedeck.services.presence.StoredPresence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code edgedeck devices --db FILE}: every device with when it was last heard and, offline, why. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"Lists the devices of a database: kind, state, when each was last heard and, when offline, why "
                + "(announced by its Last Will or availability topic, or silent for 10 of its usual intervals).",
                "A device heard from less than a minute ago by a collector that has stopped still shows as online: the "
                        + "file knows only what was stored."})
public final class DevicesCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;
    @Mixin
    DatabaseOption db;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalStore store = db.openExisting()) {
            var all = StoredPresence.of(store, Clock.systemUTC());
            if (all.isEmpty()) {
                out.println("No devices yet.");
            } else {
                out.printf("%-24s %-8s %-9s %-21s %s%n", "DEVICE", "KIND", "STATE", "LAST HEARD", "");
                for (var e : all) {
                    var d = e.device();
                    var p = e.presence();
                    out.printf("%-24s %-8s %-9s %-21s %s%n", d.id(), d.kind().name().toLowerCase(Locale.ROOT),
                            p.state().name().toLowerCase(Locale.ROOT),
                            d.lastSeen() == null ? "never" : TIME.format(d.lastSeen()), p.summary());
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
