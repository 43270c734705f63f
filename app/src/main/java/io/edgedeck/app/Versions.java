package io.edgedeck.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** EdgeDeck's version and those of its main libraries, from the build. */
public final class Versions {
    private final Properties props = new Properties();

    public Versions() {
        try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String edgedeck() {
        return props.getProperty("version", "unknown");
    }

    public String get(String library) {
        return props.getProperty(library, "unknown");
    }
}
