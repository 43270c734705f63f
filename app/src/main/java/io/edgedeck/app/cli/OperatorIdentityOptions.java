package io.edgedeck.app.cli;

import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.command.LoadedKey;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.SignedIn;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --db PATH --as NAME --key FILE [--passphrase-file F]}: the database a command changes and the operator on
 * whose behalf it does, proven by unlocking their own key (passphrase asked without echo, or read from
 * {@code --passphrase-file}); its key id must be the one registered for NAME. The sign-in is audited, a refused one too.
 * Whether the operator may do what the command does is the services' decision ({@code AccessPolicy}), not this class's.
 */
public final class OperatorIdentityOptions {
    @Option(names = "--db", required = true, paramLabel = "PATH", description = "The EdgeDeck database file.")
    Path db;

    @Option(names = "--as", paramLabel = "NAME",
            description = "The operator making the change: an Admin for operators, an Admin or Technician for alert "
                    + "rules and acknowledgements (not needed for the very first operator).")
    String name;

    @Option(names = "--key", paramLabel = "FILE", description = "The key file of the operator named by --as: proves it is them.")
    Path keyFile;

    @Option(names = "--passphrase-file", paramLabel = "F",
            description = "Read the passphrase of --key from the first line of F instead of asking.")
    Path passphraseFile;

    /** Opens the database, which must exist (a typo must not create an empty one). */
    LocalStore openExisting() {
        return DatabaseOption.openExisting(db);
    }

    /** Opens the database, creating it when absent (adding the very first operator). */
    LocalStore openOrCreate() {
        return LocalStore.open(db);
    }

    /**
     * The signed-in operator named by {@code --as}, or null when none was named and the console has no operator yet
     * (the first operator added becomes Admin).
     */
    SignedIn signInOrFirst(OperatorSession session) {
        if (name == null && session.needsFirstOperator()) {
            return null;
        }
        return signIn(session, "name the Admin making this change with --as NAME --key FILE "
                + "(only an Admin may manage operators once the first one exists)");
    }

    /** The signed-in operator named by {@code --as}, who may {@code doing} ("edit alert rules") if the policy agrees. */
    SignedIn signInToDo(OperatorSession session, String doing) {
        return signIn(session, session.needsFirstOperator()
                ? "there is no operator yet to " + doing + ": add the first one with 'edgedeck operators add --db " + db
                + " --name NAME --public-key FILE.pem'"
                : "name the operator who may " + doing + " with --as NAME --key FILE (an Admin or Technician)");
    }

    private SignedIn signIn(OperatorSession session, String withoutName) {
        if (name == null) {
            throw new AccessRefusedException(withoutName);
        }
        if (keyFile == null) {
            throw new IllegalArgumentException("--as " + name + " needs --key FILE: the operator's own key file proves "
                    + "who makes the change");
        }
        LoadedKey key = KeyUnlocking.unlock(keyFile, passphraseFile);
        return session.signIn(name, key.key());
    }
}
