package io.edgedeck.app.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a key's passphrase comes from: the first line of {@code --passphrase-file}, or asked on the terminal without
 * echo. Never from the command line itself (it would end up in the shell history and in {@code ps}).
 */
final class Passphrases {
    static final int MIN_LENGTH = 8;

    private Passphrases() {
    }

    /** The passphrase that unlocks an existing key. */
    static char[] forUnlocking(Path passphraseFile, Path keyFile) {
        if (passphraseFile != null) return fromFile(passphraseFile);
        return ask("Passphrase for " + keyFile + ": ");
    }

    /** A new passphrase: asked twice on the terminal; at least {@value #MIN_LENGTH} characters either way. */
    static char[] forNewKey(Path passphraseFile) {
        char[] p;
        if (passphraseFile != null) {
            p = fromFile(passphraseFile);
        } else {
            p = ask("New passphrase (at least " + MIN_LENGTH + " characters): ");
            char[] again = ask("Same passphrase again: ");
            boolean same = Arrays.equals(p, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(p, '\0');
                throw new IllegalArgumentException("the two passphrases differ; nothing was written");
            }
        }
        if (p.length < MIN_LENGTH) {
            Arrays.fill(p, '\0');
            throw new IllegalArgumentException("the passphrase is too short: use at least " + MIN_LENGTH + " characters");
        }
        return p;
    }

    private static char[] ask(String prompt) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) { // since JDK 22 there is a Console even without a terminal
            throw new IllegalArgumentException("no terminal to ask for the passphrase: give --passphrase-file FILE");
        }
        char[] p = console.readPassword("%s", prompt);
        if (p == null) throw new IllegalArgumentException("no passphrase given");
        return p;
    }

    private static char[] fromFile(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            Arrays.fill(bytes, (byte) 0);
            int end = text.indexOf('\n');
            String line = end >= 0 ? text.substring(0, end) : text;
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isEmpty()) throw new IllegalArgumentException("passphrase file " + file + " is empty");
            return line.toCharArray();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("passphrase file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read passphrase file " + file + ": " + e.getMessage());
        }
    }
}
