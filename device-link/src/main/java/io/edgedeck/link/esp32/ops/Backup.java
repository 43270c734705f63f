package io.edgedeck.link.esp32.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Flash contents read before overwriting them: restore with {@code edgedeck flash OFFSET FILE}.
 *
 * @param file where it was saved
 */
public record Backup(int offset, int length, String md5, Path file) {

    /** Writes {@code data} to {@code file} through a temporary file, so a half-written backup never exists. */
    static Backup save(int offset, byte[] data, String md5, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
            Files.write(tmp, data);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the backup to " + file + ": " + e.getMessage(), e);
        }
        return new Backup(offset, data.length, md5, file);
    }
}
