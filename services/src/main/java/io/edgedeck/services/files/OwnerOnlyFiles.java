package io.edgedeck.services.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files atomically (a temporary file moved over the old one), owner-only (0600) where the file system has POSIX
 * permissions. On Windows the user's profile folders are already private to the user by their ACLs. Used for the
 * connection profiles, their secrets and the devices' remembered connections.
 */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    public static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    public static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = ownerOnly && posix()
                ? Files.createTempFile(dir, ".edgedeck", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".edgedeck", ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Like {@link #write}, but the file it replaces is kept first as {@code <name>.bak} (written the same way, so it is
     * owner-only too): a write that went wrong in content, not in bytes, can still be undone by hand.
     */
    public static void writeKeepingBackup(Path file, byte[] content, boolean ownerOnly) throws IOException {
        if (Files.isRegularFile(file)) {
            write(backupOf(file), Files.readAllBytes(file), ownerOnly);
        }
        write(file, content, ownerOnly);
    }

    /** {@code <name>.bak} beside the file. */
    public static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".bak");
    }
}
