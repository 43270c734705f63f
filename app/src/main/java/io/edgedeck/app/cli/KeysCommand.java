package io.edgedeck.app.cli;

import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Operator;
import io.edgedeck.db.Role;
import io.edgedeck.link.command.KeyFiles;
import io.edgedeck.link.command.LoadedKey;
import io.edgedeck.link.command.OperatorKey;
import io.edgedeck.link.command.OperatorKeys;
import io.edgedeck.services.OperatorSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Operator keys (ECDSA P-256) that sign relay commands: generate, show the public key, import.",
        subcommands = {KeysCommand.Generate.class, KeysCommand.Public.class, KeysCommand.Import.class})
public final class KeysCommand {

    static void printWarnings(PrintWriter err, LoadedKey key) {
        key.warnings().forEach(w -> err.println("warning: " + w));
        err.flush();
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Creates a new operator key pair; the private key is written encrypted with a passphrase "
                    + "(PKCS#8, PBKDF2-HMAC-SHA256 + AES-256-CBC) to a new file only you can read.")
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--operator", required = true, paramLabel = "NAME", description = "Whose key it is (written into the file).")
        String operator;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The new key file (never overwritten).")
        Path out;

        @Option(names = "--passphrase-file", paramLabel = "F",
                description = "Read the passphrase from the first line of F instead of asking twice.")
        Path passphraseFile;

        @Option(names = "--db", paramLabel = "PATH",
                description = "Also register NAME as the first operator (Admin) of this database, which must have no "
                        + "operator yet (it is created when absent). Later operators are added by an Admin with "
                        + "'edgedeck operators add'.")
        Path registerIn;

        @Override
        public Integer call() {
            if (registerIn == null) {
                writeKey();
                return ExitCodes.OK;
            }
            try (LocalStore store = LocalStore.open(registerIn)) {
                OperatorSession session = CliServices.session(spec, store);
                if (!session.needsFirstOperator()) {
                    throw new AccessRefusedException(registerIn + " has operators already: an Admin adds " + operator
                            + " with 'edgedeck operators add --db " + registerIn + " --as ADMIN --key ADMIN.key --name "
                            + operator + " --role ROLE --public-key FILE.pem' (nothing was written)");
                }
                OperatorKey key = writeKey();
                try {
                    Operator added = session.importOperator(null, operator, Role.ADMIN,
                            KeyFiles.publicPem(key.publicKey()));
                    PrintWriter o = spec.commandLine().getOut();
                    o.printf("Registered %s as the first operator of %s: %s%n", added.name(), registerIn,
                            added.describe());
                    o.flush();
                } catch (RuntimeException e) {
                    deleteQuietly(out);
                    throw e;
                }
            }
            return ExitCodes.OK;
        }

        private OperatorKey writeKey() {
            char[] pass = Passphrases.forNewKey(passphraseFile);
            try {
                SecureRandom random = new SecureRandom();
                OperatorKey key = OperatorKeys.generate(random);
                new KeyFiles(random).writeEncrypted(out, key, operator, pass);
                PrintWriter o = spec.commandLine().getOut();
                o.printf("Wrote the key of %s to %s (encrypted, owner only)%n", operator, out);
                o.printf("Key id: %s%n", key.keyId());
                o.printf("Public key for devices: edgedeck keys public --key %s%n", out);
                o.flush();
                return key;
            } finally {
                Arrays.fill(pass, '\0');
            }
        }

        private static void deleteQuietly(Path file) {
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (java.io.IOException ignored) {
                // the message about the failed registration matters more
            }
        }
    }

    @Command(name = "public", mixinStandardHelpOptions = true,
            description = "Prints the public key (PEM) and key id of an operator key, to install on devices.")
    static final class Public implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The operator key file.")
        Path keyFile;

        @Option(names = "--passphrase-file", paramLabel = "F", description = "Read the passphrase from the first line of F.")
        Path passphraseFile;

        @Option(names = "--jwk", description = "Print the public key as a JWK (JSON) instead of PEM.")
        boolean jwk;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the PEM public key to FILE.")
        Path out;

        @Override
        public Integer call() {
            LoadedKey key = KeyUnlocking.unlock(keyFile, passphraseFile);
            printWarnings(spec.commandLine().getErr(), key);
            PrintWriter o = spec.commandLine().getOut();
            if (jwk) {
                o.println(OperatorKeys.publicJwk(key.key().publicKey()));
            } else {
                key.operator().ifPresent(n -> o.println("Operator: " + n));
                o.println("Key id: " + key.key().keyId());
                o.print(KeyFiles.publicPem(key.key().publicKey()));
            }
            if (out != null) {
                KeyFiles.writePublic(out, key.key().publicKey());
            }
            o.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Turns an existing P-256 private key (PEM: PKCS#8 or SEC1 'EC PRIVATE KEY', plain or "
                    + "encrypted) into an encrypted EdgeDeck key file.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--in", required = true, paramLabel = "PEM", description = "The existing key.")
        Path in;

        @Option(names = "--in-passphrase-file", paramLabel = "F",
                description = "Passphrase of the existing key, if it is encrypted (else asked).")
        Path inPassphraseFile;

        @Option(names = "--operator", required = true, paramLabel = "NAME", description = "Whose key it is.")
        String operator;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The new EdgeDeck key file.")
        Path out;

        @Option(names = "--passphrase-file", paramLabel = "F", description = "Passphrase for the new file (else asked twice).")
        Path passphraseFile;

        @Override
        public Integer call() {
            LoadedKey key = KeyUnlocking.unlock(in, inPassphraseFile);
            char[] pass = Passphrases.forNewKey(passphraseFile);
            try {
                new KeyFiles(new SecureRandom()).writeEncrypted(out, key.key(), operator, pass);
            } finally {
                Arrays.fill(pass, '\0');
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf("Imported %s as the key of %s into %s (encrypted, owner only)%n", in, operator, out);
            o.printf("Key id: %s%n", key.key().keyId());
            o.flush();
            return ExitCodes.OK;
        }
    }
}
