package io.edgedeck.app.cli;

import io.edgedeck.db.Alarm;
import io.edgedeck.db.AlertRule;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.services.SignedIn;
import io.edgedeck.services.alerts.AlarmAcknowledger;
import io.edgedeck.services.alerts.AlertDurations;
import io.edgedeck.services.alerts.AlertRules;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code edgedeck alerts list|add|remove}: the alert rules of a database (the console and {@code collect} evaluate them). */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Alert rules: a field above or below a threshold for at least a duration (with a clear threshold), "
                + "or a device offline for longer than a duration. The console and 'collect' evaluate them.",
        subcommands = {AlertsCommand.ListRules.class, AlertsCommand.Add.class, AlertsCommand.Remove.class,
                AlertsCommand.Acknowledge.class, HelpCommand.class},
        footer = {"", "Adding and removing rules and acknowledging alarms take --as NAME --key FILE: an Admin or "
                + "Technician proving who they are with their own key. Every change and every refusal is in the audit "
                + "log; a refusal exits with 10."})
public final class AlertsCommand extends CommandGroup {
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the rules and the active alarms.")
    static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DatabaseOption db;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (LocalStore store = db.openExisting()) {
                var rules = store.alerts().rules();
                out.println(rules.isEmpty() ? "No alert rules." : "Rules:");
                for (AlertRule r : rules) {
                    out.println("  " + r.describe());
                }
                var active = store.alerts().active();
                out.println(active.isEmpty() ? "No active alarms." : "Active alarms:");
                for (Alarm a : active) {
                    out.println("  #" + a.id() + "  " + a.raisedAt() + "  " + a.message() + " (" + a.ruleName() + ")"
                            + (a.acknowledged() ? " — acknowledged by " + a.acknowledgedBy() : " — not acknowledged"));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {"Adds a rule, e.g.",
            "  alerts add --db fleet --as ana --key ana.key --name Over-power --kind plug --metric power --above 2000 "
                    + "--clear 1800 --for 10s",
            "  alerts add --db fleet --as ana --key ana.key --name 'Fridge gone' --device fridge-1 --offline 5min"})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        OperatorIdentityOptions identity;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The rule's name (unique).")
        String name;
        @Option(names = "--device", paramLabel = "ID", description = "Only this device (default: every device, or every device of --kind).")
        String device;
        @Option(names = "--kind", paramLabel = "KIND", description = "Every device of this kind: plug, sensor or generic.")
        String kind;
        @Option(names = "--metric", paramLabel = "FIELD", description = "The field: power, voltage, current, energy, temperature, humidity.")
        String metric;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Condition condition;

        static final class Condition {
            @Option(names = "--above", paramLabel = "VALUE", description = "Raise when the field is above VALUE.")
            Double above;
            @Option(names = "--below", paramLabel = "VALUE", description = "Raise when the field is below VALUE.")
            Double below;
            @Option(names = "--offline", paramLabel = "DURATION", description = "Raise when the device is offline longer than this (e.g. 5min).")
            String offline;
        }

        @Option(names = "--clear", paramLabel = "VALUE", description = "Clear only past this value (hysteresis; default: the threshold).")
        Double clear;
        @Option(names = "--for", paramLabel = "DURATION", description = "Only when the value stays past the threshold this long (10s, 5min; default 0).")
        String forDuration;

        @Override
        public Integer call() {
            DeviceKind k = kind == null ? null : parseKind(kind);
            AlertRule rule;
            if (condition.offline != null) {
                if (metric != null || clear != null || forDuration != null) {
                    throw new IllegalArgumentException("--offline takes no --metric, --clear or --for");
                }
                rule = AlertRule.offline(name, device, k, AlertDurations.parse(condition.offline));
            } else {
                if (metric == null) {
                    throw new IllegalArgumentException("say which field the rule watches with --metric (power, temperature, …)");
                }
                Metric m = Metric.fromKey(metric).filter(x -> x != Metric.RELAY).orElseThrow(() -> new IllegalArgumentException(
                        "unknown field '" + metric + "': use power, voltage, current, energy, temperature or humidity"));
                boolean above = condition.above != null;
                double threshold = above ? condition.above : condition.below;
                Duration d = forDuration == null ? Duration.ZERO : AlertDurations.parse(forDuration);
                rule = AlertRule.threshold(name, device, k, m, above ? AlertRule.Direction.ABOVE : AlertRule.Direction.BELOW,
                        threshold, clear == null ? threshold : clear, d);
            }
            try (LocalStore store = identity.openExisting()) {
                SignedIn who = identity.signInToDo(CliServices.session(spec, store), "edit alert rules");
                AlertRule saved = new AlertRules(store.alerts(), store.operators(), null).save(who, rule);
                spec.commandLine().getOut().println("Added " + saved.describe());
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }

        private static DeviceKind parseKind(String text) {
            try {
                return DeviceKind.valueOf(text.strip().toUpperCase(Locale.ROOT).replaceAll("S$", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown kind '" + text + "': use plug, sensor or generic");
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a rule; its alarms stay in the history (a running console clears its active ones).")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        OperatorIdentityOptions identity;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The rule's name (any case).")
        String name;

        @Override
        public Integer call() {
            try (LocalStore store = identity.openExisting()) {
                SignedIn who = identity.signInToDo(CliServices.session(spec, store), "edit alert rules");
                AlertRule rule = store.alerts().findRule(name)
                        .orElseThrow(() -> new IllegalArgumentException("there is no rule named '" + name + "'"));
                new AlertRules(store.alerts(), store.operators(), null).remove(who, rule.id());
                spec.commandLine().getOut().println("Removed " + rule.describe());
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = {"Acknowledges an alarm (its number from "
            + "'alerts list'), as an Admin or Technician, e.g.",
            "  alerts ack --db fleet --as ana --key ana.key --id 7"})
    static final class Acknowledge implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        OperatorIdentityOptions identity;
        @Option(names = "--id", required = true, paramLabel = "N", description = "The alarm's number (#N in 'alerts list').")
        long id;

        @Override
        public Integer call() {
            try (LocalStore store = identity.openExisting()) {
                SignedIn who = identity.signInToDo(CliServices.session(spec, store), "acknowledge alarms");
                Alarm acked;
                try {
                    acked = new AlarmAcknowledger(store.alerts(), store.operators(), null).acknowledge(who, id);
                } catch (IllegalStateException e) { // acknowledged already: nothing to do, said in words
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                spec.commandLine().getOut().println("Acknowledged #" + acked.id() + " " + acked.deviceId() + " ("
                        + acked.ruleName() + "), raised " + acked.raisedAt() + ", by " + acked.acknowledgedBy());
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
