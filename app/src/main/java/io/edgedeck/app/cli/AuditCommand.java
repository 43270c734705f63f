package io.edgedeck.app.cli;

import io.edgedeck.db.AuditAction;
import io.edgedeck.db.AuditCsv;
import io.edgedeck.db.AuditEntry;
import io.edgedeck.db.AuditQuery;
import io.edgedeck.db.AuditRecord;
import io.edgedeck.db.AuditVerification;
import io.edgedeck.db.LocalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/** {@code edgedeck audit ...}: read and check the tamper-evident audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"The audit log: every operator change, key import, login and command, each entry chained to the "
                + "one before by SHA-256 so that editing or deleting rows is detectable."},
        subcommands = {AuditCommand.ListEntries.class, AuditCommand.Verify.class, HelpCommand.class})
public final class AuditCommand extends CommandGroup {
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists audit entries, oldest first.")
    static final class ListEntries implements Callable<Integer> {
        /** Times are printed in UTC (2026-11-25T08:00:00.123Z), whatever --zone says about the input. */
        private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

        @Spec
        CommandSpec spec;
        @Mixin
        DatabaseOption db;
        @Option(names = "--operator", paramLabel = "NAME", description = "Only entries of this operator (any case).")
        String operator;
        @Option(names = "--device", paramLabel = "ID", description = "Only entries about this device.")
        String device;
        @Option(names = "--action", paramLabel = "ACTION",
                description = "Only this action: ${COMPLETION-CANDIDATES}.", completionCandidates = ActionNames.class)
        String action;
        @Option(names = "--since", paramLabel = "ISO", description = "From this time on: 2026-11-25, 2026-11-25T08:00 "
                + "(local time), 2026-11-25T08:00:00Z.")
        String since;
        @Option(names = "--until", paramLabel = "ISO", description = "Before this time (same forms, or 'now').")
        String until;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N entries (0: all).")
        int limit;
        @Option(names = "--csv", description = "CSV with a header row (seq, time, operator, key_id, action, device, "
                + "outcome, detail, hash) instead of a table.")
        boolean csv;
        @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone for dates without an offset (default: this computer's).")
        ZoneId zone;

        @Override
        public Integer call() {
            if (limit < 0) {
                throw new IllegalArgumentException("--limit must be 0 or more");
            }
            ZoneId z = zone != null ? zone : ZoneId.systemDefault();
            AuditQuery q = AuditQuery.all().operator(operator).device(device).limit(limit)
                    .action(action == null ? null : parseAction(action))
                    .since(since == null ? null : Instants.parse(since, z))
                    .until(until == null ? null : Instants.parse(until, z));
            PrintWriter out = spec.commandLine().getOut();
            long[] rows = {0};
            try (LocalStore store = db.openExisting()) {
                if (csv) {
                    out.println(AuditCsv.HEADER);
                } else {
                    out.printf("%6s  %-24s %-16s %-24s %-16s %-9s %s%n", "SEQ", "TIME", "OPERATOR", "ACTION", "DEVICE",
                            "OUTCOME", "DETAIL");
                }
                store.audit().forEach(q, r -> {
                    out.println(csv ? AuditCsv.line(r) : textLine(r));
                    rows[0]++;
                });
            }
            out.flush();
            spec.commandLine().getErr().printf("%,d entries%n", rows[0]);
            return ExitCodes.OK;
        }

        private static AuditAction parseAction(String text) {
            try {
                return AuditAction.fromWire(text.strip().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (actions: " + String.join(", ", new ActionNames())
                        + ")");
            }
        }

        private static String textLine(AuditRecord r) {
            AuditEntry e = r.entry();
            return String.format("%6d  %-24s %-16s %-24s %-16s %-9s %s", r.seq(), TIME.format(r.time()), dash(e.operator()),
                    e.action().wireName(), dash(e.device()), e.outcome().wireName(), e.detail() == null ? "" : e.detail());
        }

        private static String dash(String s) {
            return s == null ? "-" : s;
        }
    }

    /** The action names for help and completion. */
    static final class ActionNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(AuditAction.values()).map(AuditAction::wireName).iterator();
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Checks every entry against its hash and its link to the one before, and the end of the log "
                    + "against its head record.",
                    "Exits with 0 when intact, 11 when entries were altered, removed or added behind EdgeDeck's back "
                            + "(the first broken entry is named). Note the printed head hash somewhere else: it also "
                            + "proves that nobody rewrote the whole log later."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DatabaseOption db;

        @Override
        public Integer call() {
            AuditVerification v;
            try (LocalStore store = db.openExisting()) {
                v = store.audit().verify();
            }
            if (v.intact()) {
                spec.commandLine().getOut().println(v.message());
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
            spec.commandLine().getErr().println(spec.commandLine().getColorScheme().errorText("edgedeck: " + v.message()));
            return ExitCodes.AUDIT_TAMPERED;
        }
    }
}
