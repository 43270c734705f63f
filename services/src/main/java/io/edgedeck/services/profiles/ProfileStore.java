package io.edgedeck.services.profiles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgedeck.link.mqtt.MqttVersion;
import io.edgedeck.link.tls.Passphrase;
import io.edgedeck.services.files.OwnerOnlyFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Saved connection profiles in the config folder: {@code profiles.json} holds everything but the secrets;
 * passwords and key passphrases go, AES-256-GCM encrypted, into the owner-only {@code profile-secrets.json}, with the
 * key in the OS keyring or an owner-only key file ({@link KeyVaults}). Both files are written atomically. The built-in
 * demo profile is always first and never stored. Names are unique ignoring case.
 */
public final class ProfileStore {
    public static final String PROFILES_FILE = "profiles.json";
    public static final String SECRETS_FILE = "profile-secrets.json";

    private final Path profilesFile;
    private final Path secretsFile;
    private final KeyVaults vaults;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ProfileStore(Path configDir, KeyVaults vaults) {
        this.profilesFile = configDir.resolve(PROFILES_FILE);
        this.secretsFile = configDir.resolve(SECRETS_FILE);
        this.vaults = vaults;
    }

    /**
     * In the config folder, the key in the OS keyring when one answers; {@code EDGEDECK_KEYRING=off} in the
     * environment keeps it in the owner-only key file instead (portable installs, shared desktop sessions).
     */
    public static ProfileStore inConfigFolder(Path configDir) {
        boolean keyringOff = "off".equalsIgnoreCase(System.getenv("EDGEDECK_KEYRING"));
        return new ProfileStore(configDir, keyringOff ? KeyVaults.fileOnly(configDir) : KeyVaults.system(configDir));
    }

    public Path file() {
        return profilesFile;
    }

    /** The demo profile, then the saved ones in their saved order; a secret that cannot be decrypted is an error. */
    public synchronized List<ConnectionProfile> load() {
        Editable e = read(false);
        return e.profiles();
    }

    /**
     * The names of the demo profile and the saved ones, in order, without reading any secret (cheap: no keyring).
     *
     * @throws IllegalStateException in words when profiles.json cannot be read
     */
    public synchronized List<String> names() {
        List<String> out = new ArrayList<>();
        out.add(ConnectionProfile.DEMO_NAME);
        if (!Files.exists(profilesFile)) return out;
        try {
            json.readValue(profilesFile.toFile(), StoredProfiles.class).profiles().stream()
                    .map(StoredProfile::name).filter(n -> n != null && !n.isBlank()).forEach(out::add);
        } catch (IOException e) {
            throw new IllegalStateException("The profiles file " + profilesFile + " cannot be read (" + e.getMessage()
                    + "). Fix or delete it.", e);
        }
        return out;
    }

    /**
     * What the connection dialog shows: like {@link #load()}, but a secret that cannot be read (a lost keyring key, an
     * edited secrets file) is left empty and said in {@code problems}, so the user can enter it again.
     */
    public synchronized Editable loadForEditing() {
        return read(true);
    }

    /** Profiles for the dialog, and what could not be read. */
    public record Editable(List<ConnectionProfile> profiles, List<String> problems) {
    }

    private Editable read(boolean lenient) {
        List<ConnectionProfile> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        out.add(ConnectionProfile.demoFleet());
        if (!Files.exists(profilesFile)) return new Editable(out, problems);
        StoredProfiles stored;
        try {
            stored = json.readValue(profilesFile.toFile(), StoredProfiles.class);
        } catch (IOException e) {
            throw new IllegalStateException("The profiles file " + profilesFile + " cannot be read (" + e.getMessage()
                    + "). Fix or delete it.", e);
        }
        boolean needSecrets = stored.profiles().stream().anyMatch(p -> p.hasPassword() || p.hasKeyPassphrase());
        Secrets secrets = null;
        if (needSecrets) {
            try {
                secrets = readSecrets();
            } catch (SecretsException e) {
                if (!lenient) throw e;
                problems.add(e.getMessage());
                secrets = new Secrets(null, Map.of());
            }
        }
        for (StoredProfile p : stored.profiles()) {
            out.add(p.toProfile(secret(secrets, p, p.hasPassword(), "password", lenient, problems),
                    secret(secrets, p, p.hasKeyPassphrase(), "key passphrase", lenient, problems)));
        }
        return new Editable(out, List.copyOf(problems));
    }

    private static Optional<Passphrase> secret(Secrets secrets, StoredProfile p, boolean has, String field,
                                               boolean lenient, List<String> problems) {
        if (!has) return Optional.empty();
        try {
            return secrets.get(p.name(), field);
        } catch (SecretsException e) {
            if (!lenient) throw e;
            if (secrets.cipher() != null) problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** The profile of this name (ignoring case), the demo one included. */
    public Optional<ConnectionProfile> find(String name) {
        return load().stream().filter(p -> p.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    /**
     * Saves a profile: a new one when {@code previousName} is null, else it replaces the profile of that name (which
     * it may rename). Refuses a name another profile has (ignoring case) and the demo profile's name.
     */
    public synchronized void put(ConnectionProfile profile, String previousName) {
        if (profile.demo() || profile.name().trim().equalsIgnoreCase(ConnectionProfile.DEMO_NAME)) {
            throw new IllegalArgumentException("the demo profile is built in and cannot be changed");
        }
        List<ConnectionProfile> all = new ArrayList<>(read(true).profiles()); // unreadable secrets: entered again
        all.removeIf(ConnectionProfile::demo);
        for (ConnectionProfile p : all) {
            if (p.name().equalsIgnoreCase(profile.name()) && (previousName == null || !p.name().equalsIgnoreCase(previousName))) {
                throw new IllegalArgumentException("a profile named '" + p.name() + "' exists already");
            }
        }
        int at = previousName == null ? -1 : indexOf(all, previousName);
        if (at >= 0) all.set(at, profile); else all.add(profile);
        save(all);
    }

    public synchronized void remove(String name) {
        List<ConnectionProfile> all = new ArrayList<>(read(true).profiles()); // unreadable secrets: entered again
        all.removeIf(p -> p.demo() || p.name().equalsIgnoreCase(name));
        save(all);
    }

    private static int indexOf(List<ConnectionProfile> all, String name) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    private void save(List<ConnectionProfile> profiles) {
        List<StoredProfile> stored = new ArrayList<>();
        Map<String, Map<String, String>> secretValues = new LinkedHashMap<>();
        KeyVault vault = null;
        SecretCipher cipher = null;
        for (ConnectionProfile p : profiles) {
            stored.add(StoredProfile.of(p));
            if (p.password().isEmpty() && p.keyPassphrase().isEmpty()) continue;
            if (cipher == null) {
                vault = vaultForWriting();
                cipher = new SecretCipher(vault.key(), random);
            }
            Map<String, String> values = new LinkedHashMap<>();
            SecretCipher c = cipher;
            p.password().ifPresent(s -> values.put("password", seal(c, s, p.name(), "password")));
            p.keyPassphrase().ifPresent(s -> values.put("keyPassphrase", seal(c, s, p.name(), "key passphrase")));
            secretValues.put(p.name(), values);
        }
        try {
            if (vault != null) {
                OwnerOnlyFiles.write(secretsFile, json.writeValueAsBytes(new StoredSecrets(vault.id(), secretValues)), true);
            } else {
                Files.deleteIfExists(secretsFile);
            }
            OwnerOnlyFiles.write(profilesFile, json.writeValueAsBytes(new StoredProfiles(stored)), false);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the profiles to " + profilesFile + ": " + e.getMessage(), e);
        }
    }

    /** The vault the existing secrets use (so they keep one key), else the preferred one for new secrets. */
    private KeyVault vaultForWriting() {
        if (Files.exists(secretsFile)) {
            try {
                return vaults.byId(json.readValue(secretsFile.toFile(), StoredSecrets.class).keyStore());
            } catch (IOException | SecretsException e) {
                // unreadable old secrets: start over with a fresh vault choice
            }
        }
        return vaults.forNewSecrets();
    }

    private static String seal(SecretCipher c, Passphrase secret, String profile, String field) {
        char[] chars = secret.chars();
        try {
            return c.encrypt(chars, place(profile, field));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static String place(String profile, String field) {
        return field + " of profile '" + profile + "'";
    }

    private Secrets readSecrets() {
        if (!Files.exists(secretsFile)) {
            return new Secrets(null, Map.of());
        }
        try {
            StoredSecrets s = json.readValue(secretsFile.toFile(), StoredSecrets.class);
            KeyVault vault = vaults.byId(s.keyStore());
            byte[] key = vault.existingKey().orElseThrow(() -> new SecretsException("The key of the saved passwords was "
                    + "not found in " + vault.description() + " (locked, reset or deleted?); unlock it, or enter the "
                    + "passwords again in the connection dialog"));
            return new Secrets(new SecretCipher(key, random), s.secrets());
        } catch (IOException e) {
            throw new SecretsException("The secrets file " + secretsFile + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private record Secrets(SecretCipher cipher, Map<String, Map<String, String>> values) {
        Optional<Passphrase> get(String profile, String field) {
            String key = field.equals("password") ? "password" : "keyPassphrase";
            String sealed = values.getOrDefault(profile, Map.of()).get(key);
            if (sealed == null || cipher == null) {
                throw new SecretsException("The " + place(profile, field) + " is missing from the secrets file; "
                        + "enter it again in the connection dialog");
            }
            char[] chars = cipher.decrypt(sealed, place(profile, field));
            try {
                return Optional.of(Passphrase.of(chars));
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredProfiles(List<StoredProfile> profiles) {
        StoredProfiles {
            profiles = profiles == null ? List.of() : profiles;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredSecrets(String keyStore, Map<String, Map<String, String>> secrets) {
        StoredSecrets {
            secrets = secrets == null ? Map.of() : secrets;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredProfile(String name, String host, int port, boolean tls, String mqttVersion, String clientId,
                         Integer keepAliveSeconds, String username, boolean hasPassword, String caFile,
                         boolean trustSystemCas, String certFile, String keyFile, boolean hasKeyPassphrase,
                         Boolean verifyHostname, String mappingFile) {
        static StoredProfile of(ConnectionProfile p) {
            return new StoredProfile(p.name(), p.host(), p.port(), p.tls(), p.mqttVersion() == MqttVersion.V5 ? "5" : "3",
                    p.clientId(), p.keepAliveSeconds(), p.username(), p.password().isPresent(), str(p.caFile()),
                    p.trustSystemCas(), str(p.certFile()), str(p.keyFile()), p.keyPassphrase().isPresent(),
                    p.verifyHostname(), str(p.mappingFile()));
        }

        ConnectionProfile toProfile(Optional<Passphrase> password, Optional<Passphrase> keyPassphrase) {
            if (name == null || name.isBlank()) throw new IllegalStateException("a saved profile has no name");
            return new ConnectionProfile(name, host, port, tls,
                    mqttVersion == null ? MqttVersion.V5 : MqttVersion.parse(mqttVersion.toLowerCase(Locale.ROOT)),
                    clientId, keepAliveSeconds == null ? ConnectionProfile.DEFAULT_KEEP_ALIVE : keepAliveSeconds,
                    username, password, path(caFile), trustSystemCas, path(certFile), path(keyFile), keyPassphrase,
                    verifyHostname == null || verifyHostname, path(mappingFile), false);
        }

        private static String str(Path p) {
            return p == null ? null : p.toString();
        }

        private static Path path(String s) {
            return s == null || s.isBlank() ? null : Path.of(s);
        }
    }
}
