package io.edgedeck.app.cli;

import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.link.command.LoadedKey;
import io.edgedeck.services.OperatorSession;
import io.edgedeck.services.SignedIn;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --as NAME --key FILE}: the Admin on whose behalf a command changes operators, proven by unlocking their own
 * key (passphrase asked without echo, or read from {@code --passphrase-file}); its key id must be the one registered
 * for NAME. The sign-in is audited. While the console has no operator yet, both may be left out (the first operator
 * added becomes Admin).
 */
public final class ActingOperator {
    @Option(names = "--as", paramLabel = "NAME",
            description = "The Admin making the change (not needed for the very first operator).")
    String name;

    @Option(names = "--key", paramLabel = "FILE", description = "The key file of the Admin named by --as: proves it is them.")
    Path keyFile;

    @Option(names = "--passphrase-file", paramLabel = "F",
            description = "Read the passphrase of --key from the first line of F instead of asking.")
    Path passphraseFile;

    /** The signed-in acting Admin, or null when none was named and the console has no operator yet (bootstrap). */
    SignedIn resolve(OperatorSession session) {
        if (name == null) {
            if (session.needsFirstOperator()) {
                return null;
            }
            throw new AccessRefusedException("name the Admin making this change with --as NAME --key FILE "
                    + "(only an Admin may manage operators once the first one exists)");
        }
        if (keyFile == null) {
            throw new IllegalArgumentException("--as " + name + " needs --key FILE: the Admin's own key file proves "
                    + "who makes the change");
        }
        LoadedKey key = KeyUnlocking.unlock(keyFile, passphraseFile);
        return session.signIn(name, key.key());
    }
}
