package io.edgedeck.services.profiles;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * New secrets' key in the OS keyring when it answers, else in the owner-only key file; saved secrets' key where their
 * file says. The keyring tool runs with {@code environment} added (empty in the app; a private session bus in tests).
 */
final class SystemKeyVaults implements KeyVaults {
    private final Path configDir;
    private final Map<String, String> environment;
    private final SecureRandom random = new SecureRandom();
    private final FileKeyVault file;

    SystemKeyVaults(Path configDir, Map<String, String> environment) {
        this.configDir = configDir;
        this.environment = Map.copyOf(environment);
        this.file = new FileKeyVault(configDir.resolve("profile-secrets.key"), random);
    }

    @Override
    public KeyVault forNewSecrets() {
        return OsKeyringVault.probe(configDir, random, environment).<KeyVault>map(v -> v).orElse(file);
    }

    @Override
    public KeyVault byId(String id) {
        if (FileKeyVault.ID.equals(id)) return file;
        return OsKeyringVault.byId(id, configDir, random, environment).<KeyVault>map(v -> v).orElseThrow(() ->
                new SecretsException("The saved secrets were encrypted with a key kept in '" + id
                        + "', which EdgeDeck does not know; enter the passwords again"));
    }
}
