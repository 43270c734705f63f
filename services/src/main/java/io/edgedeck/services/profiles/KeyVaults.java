package io.edgedeck.services.profiles;

import java.nio.file.Path;
import java.security.SecureRandom;

/** Chooses the key vault: for new secrets the OS keyring when it answers, else the key file; for saved ones the one they name. */
public interface KeyVaults {
    KeyVault forNewSecrets();

    /** The vault a secrets file was written with. */
    KeyVault byId(String id);

    /** The OS keyring when available, else an owner-only key file in {@code configDir}. */
    static KeyVaults system(Path configDir) {
        SecureRandom random = new SecureRandom();
        FileKeyVault file = new FileKeyVault(configDir.resolve("profile-secrets.key"), random);
        return new KeyVaults() {
            @Override
            public KeyVault forNewSecrets() {
                return OsKeyringVault.probe(configDir, random).<KeyVault>map(v -> v).orElse(file);
            }

            @Override
            public KeyVault byId(String id) {
                if (FileKeyVault.ID.equals(id)) return file;
                return OsKeyringVault.byId(id, configDir, random).<KeyVault>map(v -> v).orElseThrow(() ->
                        new SecretsException("The saved secrets were encrypted with a key kept in '" + id
                                + "', which EdgeDeck does not know; enter the passwords again"));
            }
        };
    }

    /** Always the owner-only key file in {@code configDir} (tests, machines where the keyring must not be used). */
    static KeyVaults fileOnly(Path configDir) {
        FileKeyVault file = new FileKeyVault(configDir.resolve("profile-secrets.key"), new SecureRandom());
        return new KeyVaults() {
            @Override
            public KeyVault forNewSecrets() {
                return file;
            }

            @Override
            public KeyVault byId(String id) {
                if (FileKeyVault.ID.equals(id)) return file;
                throw new SecretsException("The saved secrets' key is kept in '" + id + "', which is not used here");
            }
        };
    }
}
