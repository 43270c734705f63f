package io.edgedeck.services.profiles;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/** Chooses the key vault: for new secrets the OS keyring when it answers, else the key file; for saved ones the one they name. */
public interface KeyVaults {
    KeyVault forNewSecrets();

    /** The vault a secrets file was written with. */
    KeyVault byId(String id);

    /** The OS keyring when available, else an owner-only key file in {@code configDir}. */
    static KeyVaults system(Path configDir) {
        return new SystemKeyVaults(configDir, Map.of());
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
