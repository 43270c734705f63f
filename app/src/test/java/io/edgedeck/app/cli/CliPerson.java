package io.edgedeck.app.cli;

import io.edgedeck.link.command.KeyFiles;
import io.edgedeck.link.command.OperatorKey;
import io.edgedeck.link.command.OperatorKeys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Someone with an encrypted key file made by the test (passphrase in a file beside it) and its public key file. */
record CliPerson(String name, Path key, Path pub, Path pass) {
    /** Generates the key pair and writes the three files under {@code dir}. */
    static CliPerson create(Path dir, String name) throws Exception {
        OperatorKey key = OperatorKeys.generate(new SecureRandom());
        Path pass = dir.resolve(name + ".pass");
        Files.writeString(pass, name + "-passphrase\n");
        Path file = dir.resolve(name + ".key");
        new KeyFiles(new SecureRandom()).writeEncrypted(file, key, name, (name + "-passphrase").toCharArray());
        Path pub = dir.resolve(name + ".pub.pem");
        KeyFiles.writePublic(pub, key.publicKey());
        return new CliPerson(name, file, pub, pass);
    }

    /** {@code --as NAME --key FILE --passphrase-file F}: proof of identity. */
    String[] as() {
        return new String[] {"--as", name, "--key", key.toString(), "--passphrase-file", pass.toString()};
    }

    /** Flattens strings, string arrays ({@link #as()}) and other values (as text) into one argument list. */
    static String[] args(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String[] many) {
                out.addAll(List.of(many));
            } else {
                out.add(String.valueOf(p));
            }
        }
        return out.toArray(String[]::new);
    }
}
