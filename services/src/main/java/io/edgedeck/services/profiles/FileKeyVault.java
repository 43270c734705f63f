package io.edgedeck.services.profiles;

import io.edgedeck.services.files.OwnerOnlyFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;

/**
 * The key in an owner-only (0600) file of 32 random bytes. It keeps secrets out of profiles.json and away from other
 * users of the machine, but anyone (or any program) running as this user, root, or a backup holding both files can
 * decrypt them: it is obscurity against casual reading, not protection against this account being compromised.
 */
public final class FileKeyVault implements KeyVault {
    public static final String ID = "file";
    private final Path file;
    private final SecureRandom random;

    public FileKeyVault(Path file, SecureRandom random) {
        this.file = file;
        this.random = random;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the owner-only key file " + file;
    }

    @Override
    public synchronized byte[] key() {
        try {
            Optional<byte[]> existing = existingKey();
            if (existing.isPresent()) return existing.get();
            byte[] key = new byte[32];
            random.nextBytes(key);
            OwnerOnlyFiles.write(file, key, true);
            return key;
        } catch (IOException e) {
            throw new SecretsException("Cannot use the secrets key file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<byte[]> existingKey() {
        try {
            if (!Files.exists(file)) return Optional.empty();
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new SecretsException("The secrets key file " + file + " is damaged (" + key.length
                        + " bytes, expected 32); saved passwords cannot be decrypted. Delete it and the secrets "
                        + "file next to it, then enter the passwords again.");
            }
            tighten();
            return Optional.of(key);
        } catch (IOException e) {
            throw new SecretsException("Cannot use the secrets key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A key file someone made readable to others is made owner-only again. */
    private void tighten() throws IOException {
        if (!OwnerOnlyFiles.posix()) return;
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (!perms.equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
            Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }
}
