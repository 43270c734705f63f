package io.edgedeck.app.cli;

import io.edgedeck.link.command.KeyFiles;
import io.edgedeck.link.command.LoadedKey;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/** Reads a key file, asking for its passphrase only when it is encrypted. */
final class KeyUnlocking {
    private KeyUnlocking() {
    }

    static LoadedKey unlock(Path keyFile, Path passphraseFile) {
        if (!KeyFiles.isEncrypted(keyFile)) {
            return new KeyFiles(new SecureRandom()).read(keyFile, null);
        }
        char[] pass = Passphrases.forUnlocking(passphraseFile, keyFile);
        try {
            return new KeyFiles(new SecureRandom()).read(keyFile, pass);
        } finally {
            Arrays.fill(pass, '\0');
        }
    }
}
