package io.edgedeck.app.cli;

import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Operator;
import io.edgedeck.db.Role;
import io.edgedeck.link.command.KeyFiles;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.SignedIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code edgedeck operators ...}: the console's operators and their roles; every change is audited. */
@Command(name = "operators", mixinStandardHelpOptions = true,
        description = {"Lists and manages the console's operators: Admin (manages operators and keys), Technician "
                + "(controls devices), Viewer (read-only), Auditor (reads the audit log).",
                "The first operator added becomes Admin; after that only an Admin (--as NAME --key FILE) may add operators, "
                        + "change roles, replace keys or disable operators. Operators are disabled, never deleted.",
                "A change that is not allowed exits with 10 and is recorded in the audit log."},
        subcommands = {OperatorsCommand.ListOperators.class, OperatorsCommand.Add.class, OperatorsCommand.ChangeRole.class,
            OperatorsCommand.Disable.class, OperatorsCommand.ReplaceKey.class, HelpCommand.class})
public final class OperatorsCommand extends CommandGroup {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every operator, disabled ones too.")
    static final class ListOperators implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DatabaseOption db;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (LocalStore store = db.openExisting()) {
                List<Operator> all = store.operators().list();
                if (all.isEmpty()) {
                    out.println("no operators yet: add the first one (it becomes Admin) with "
                            + "'edgedeck operators add --db " + db.db + " --name NAME --public-key FILE.pem'");
                } else {
                    out.printf("%-24s %-11s %-44s %-18s %s%n", "NAME", "ROLE", "KEY ID", "CREATED", "STATE");
                    for (Operator o : all) {
                        out.printf("%-24s %-11s %-44s %-18s %s%n", o.name(), o.role().title(), o.keyId(),
                                DAY.format(o.createdAt()), o.disabled() ? "disabled" : "active");
                    }
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds an operator with their P-256 public key (PEM); prints the key id (RFC 7638 thumbprint).")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        OperatorIdentityOptions actor;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Unique name (case does not count).")
        String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "admin, technician, viewer or auditor (the very first operator is always admin).")
        String role;
        @Option(names = "--public-key", required = true, paramLabel = "FILE.pem",
                description = "The operator's public key (PEM, 'BEGIN PUBLIC KEY'); never the private key.")
        Path publicKey;

        @Override
        public Integer call() {
            Role wanted = Role.parse(role);
            String pem = KeyFiles.publicPem(KeyFiles.readPublic(publicKey));
            PrintWriter out = spec.commandLine().getOut();
            try (LocalStore store = actor.openOrCreate()) {
                OperatorSession session = CliServices.session(spec, store);
                Operator added = session.importOperator(actor.signInOrFirst(session), name, wanted, pem);
                out.printf("added %s, key id %s%n", added.describe(), added.keyId());
                if (added.role() != wanted) {
                    out.println("(the first operator becomes Admin, so that someone can manage operators)");
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Gives an operator another role.")
    static final class ChangeRole implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        OperatorIdentityOptions actor;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The operator to change.")
        String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, technician, viewer or auditor.")
        String role;

        @Override
        public Integer call() {
            Role to = Role.parse(role);
            try (LocalStore store = actor.openExisting()) {
                SignedIn admin = actor.signInOrFirst(CliServices.session(spec, store));
                Operator changed = store.operators().changeRole(admin == null ? null : admin.operator(), name, to);
                spec.commandLine().getOut().printf("%s is now %s%n", changed.name(), changed.role().title());
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disables an operator for good: they stay listed and in the audit log, but may do nothing.")
    static final class Disable implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        OperatorIdentityOptions actor;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The operator to disable.")
        String name;

        @Override
        public Integer call() {
            try (LocalStore store = actor.openExisting()) {
                SignedIn admin = actor.signInOrFirst(CliServices.session(spec, store));
                Operator disabled = store.operators().disable(admin == null ? null : admin.operator(), name);
                spec.commandLine().getOut().printf("disabled %s%n", disabled.name());
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true,
            description = "Replaces an operator's public key (a new or imported key pair).")
    static final class ReplaceKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        OperatorIdentityOptions actor;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The operator.")
        String name;
        @Option(names = "--public-key", required = true, paramLabel = "FILE.pem", description = "The new public key (PEM).")
        Path publicKey;

        @Override
        public Integer call() {
            String pem = KeyFiles.publicPem(KeyFiles.readPublic(publicKey));
            try (LocalStore store = actor.openExisting()) {
                OperatorSession session = CliServices.session(spec, store);
                SignedIn admin = actor.signInOrFirst(session);
                if (admin == null) {
                    throw new AccessRefusedException("there is no operator yet whose key could be replaced");
                }
                Operator changed = session.replaceKey(admin, name, pem);
                spec.commandLine().getOut().printf("%s now signs with key id %s%n", changed.name(), changed.keyId());
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
