package io.edgedeck.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes settings.json; a missing file means defaults, a broken one is reported with its path. */
public final class SettingsStore {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Settings load() {
        if (!Files.exists(file)) {
            return Settings.embeddedDefault();
        }
        try {
            return json.readValue(file.toFile(), Settings.class);
        } catch (IOException e) {
            throw new IllegalStateException("The settings file " + file + " cannot be read (" + e.getMessage()
                    + "). Fix or delete it to start with the defaults.", e);
        }
    }

    /** Writes atomically (temp file + move), so a crash never leaves half a settings file. */
    public void save(Settings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "settings", ".tmp");
            json.writeValue(tmp.toFile(), settings);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the settings file " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }
}
