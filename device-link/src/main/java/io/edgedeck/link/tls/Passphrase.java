package io.edgedeck.link.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A key or PKCS#12 passphrase. Never printed: {@link #toString()} hides it, so settings that hold one can be logged.
 */
public final class Passphrase {
    private final char[] chars;

    private Passphrase(char[] chars) {
        this.chars = chars;
    }

    public static Passphrase of(char[] chars) {
        return new Passphrase(chars.clone());
    }

    /**
     * Reads a passphrase file: its first line, without the line break (what {@code openssl -passin file:} does).
     * Throws {@link TlsSetupException} with a readable message when the file is missing, unreadable or empty.
     */
    public static Passphrase readFrom(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("The key passphrase file " + file + " does not exist");
        } catch (IOException e) {
            throw new TlsSetupException("Cannot read the key passphrase file " + file + ": " + TlsSetupException.reason(e));
        }
        int end = text.indexOf('\n');
        String line = end >= 0 ? text.substring(0, end) : text;
        if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
        if (line.isEmpty()) {
            throw new TlsSetupException("The key passphrase file " + file + " is empty (its first line is the passphrase)");
        }
        return new Passphrase(line.toCharArray());
    }

    /** A copy of the characters; the caller should wipe it after use. */
    public char[] chars() {
        return chars.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Passphrase p && Arrays.equals(chars, p.chars);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chars);
    }

    @Override
    public String toString() {
        return "(passphrase hidden)";
    }
}
