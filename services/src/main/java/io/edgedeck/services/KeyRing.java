package io.edgedeck.services;

import io.edgedeck.link.command.KeyFileException;
import io.edgedeck.link.command.KeyFiles;
import io.edgedeck.link.command.OperatorKey;
import io.edgedeck.link.command.OperatorKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * This console's operator key files: one encrypted private key per operator in {@code FOLDER/NAME.key} (the data
 * folder's {@code keys}, created owner-only), in the format of {@link KeyFiles} (encrypted PKCS#8 PEM with an
 * {@code Operator: NAME} line), so the same file also works with {@code edgedeck command --key FILE}.
 * Operator names are matched ignoring case, like the operator registry does.
 *
 * <p>Every method that takes a passphrase wipes the array before it returns, also when it fails. Creating and
 * unlocking a key take about 0.2 s (PBKDF2): call them off the UI thread.
 */
public final class KeyRing {
    /** The shortest passphrase a new key accepts. */
    public static final int MIN_PASSPHRASE_LENGTH = 8;

    private final Path folder;
    private final SecureRandom random;

    /**
     * @param folder where the key files live (created owner-only on first use)
     * @param random for new keys and for the salt and IV of their encryption
     */
    public KeyRing(Path folder, SecureRandom random) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The key ring of a data folder: {@code dataFolder/keys}. */
    public static KeyRing inDataFolder(Path dataFolder) {
        return new KeyRing(dataFolder.resolve("keys"), new SecureRandom());
    }

    /** The folder of the key files. */
    public Path folder() {
        return folder;
    }

    /** Whether this console holds a key file for the operator. */
    public boolean has(String operator) {
        return Files.isRegularFile(fileOf(operator));
    }

    /** The key file of an operator (whether it exists or not). */
    public Path fileOf(String operator) {
        return folder.resolve(fileName(operator));
    }

    /**
     * Generates a P-256 key pair for the operator and writes the private key encrypted with the passphrase.
     *
     * @throws IllegalArgumentException when the passphrase is shorter than {@value #MIN_PASSPHRASE_LENGTH} characters
     * @throws KeyFileException         when the operator already has a key here or the file cannot be written
     */
    public CreatedKey create(String operator, char[] passphrase) {
        try {
            Objects.requireNonNull(passphrase, "passphrase");
            if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
                throw new IllegalArgumentException("the passphrase is too short: use at least " + MIN_PASSPHRASE_LENGTH
                        + " characters");
            }
            Path file = fileOf(operator);
            ensureFolder();
            OperatorKey key = OperatorKeys.generate(random);
            new KeyFiles(random).writeEncrypted(file, key, operator.strip(), passphrase);
            return new CreatedKey(operator.strip(), key.keyId(), KeyFiles.publicPem(key.publicKey()), file);
        } finally {
            wipe(passphrase);
        }
    }

    /**
     * Unlocks the operator's key.
     *
     * @throws KeyFileException with a sentence for people: no key file here, wrong passphrase, damaged file
     */
    public OperatorKey unlock(String operator, char[] passphrase) {
        try {
            // KeyFiles words the errors: "key file F does not exist", "wrong passphrase for key file F", ...
            return new KeyFiles(random).read(fileOf(operator), passphrase).key();
        } finally {
            wipe(passphrase);
        }
    }

    /** Removes an operator's key file (a key created for a registration that then failed). */
    void delete(String operator) {
        try {
            Files.deleteIfExists(fileOf(operator));
        } catch (IOException e) {
            // best effort: a stray encrypted key file is harmless and reported by the next create
        }
    }

    private void ensureFolder() {
        try {
            if (Files.isDirectory(folder)) {
                return;
            }
            Path parent = folder.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean posix = Files.getFileStore(parent != null ? parent : folder.toAbsolutePath().getRoot())
                    .supportsFileAttributeView(PosixFileAttributeView.class);
            if (posix) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(folder);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another thread made it
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the key folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Lower case; letters, digits, '.', '_' and '-' kept, every other byte of the UTF-8 name as %XX. */
    static String fileName(String operator) {
        String n = Objects.requireNonNull(operator, "operator").strip().toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("an operator name is needed");
        }
        StringBuilder b = new StringBuilder();
        for (byte x : n.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
                b.append(c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", x & 0xff));
            }
        }
        return b + ".key";
    }

    private static void wipe(char[] passphrase) {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }
}
