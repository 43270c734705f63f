package io.edgedeck.services.profiles;

import io.edgedeck.services.files.OwnerOnlyFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The key in the operating system's keyring, through its own command-line tool: Linux's Secret Service
 * ({@code secret-tool}, libsecret: GNOME Keyring, KWallet), the macOS login keychain ({@code security}), or on Windows a
 * file protected with DPAPI for this Windows user (PowerShell). Each is probed; none is required.
 */
public final class OsKeyringVault implements KeyVault {
    private static final long TIMEOUT_SECONDS = 10;
    private static final String LABEL = "EdgeDeck connection profile secrets";

    enum Kind { SECRET_TOOL, MACOS_KEYCHAIN, WINDOWS_DPAPI }

    private final Kind kind;
    private final Path dpapiFile;
    private final SecureRandom random;
    private final Map<String, String> environment;

    private OsKeyringVault(Kind kind, Path dpapiFile, SecureRandom random, Map<String, String> environment) {
        this.kind = kind;
        this.dpapiFile = dpapiFile;
        this.random = random;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The keyring of this machine if it answers, e.g. none over SSH without a desktop session.
     *
     * @param configDir where the DPAPI-protected key file goes on Windows
     */
    public static Optional<OsKeyringVault> probe(Path configDir, SecureRandom random) {
        return probe(configDir, random, Map.of());
    }

    /**
     * As {@link #probe(Path, SecureRandom)}, the keyring tool started with {@code environment} added to this process's
     * own, e.g. {@code DBUS_SESSION_BUS_ADDRESS} of another session bus (tests use a private one).
     */
    static Optional<OsKeyringVault> probe(Path configDir, SecureRandom random, Map<String, String> environment) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Kind kind = os.contains("win") ? Kind.WINDOWS_DPAPI : os.contains("mac") ? Kind.MACOS_KEYCHAIN : Kind.SECRET_TOOL;
        var vault = new OsKeyringVault(kind, configDir.resolve("profile-secrets.key.dpapi"), random, environment);
        return vault.answers() ? Optional.of(vault) : Optional.empty();
    }

    /** The vault of a secrets file written with {@code id}, without probing (it is used only if it answers). */
    static Optional<OsKeyringVault> byId(String id, Path configDir, SecureRandom random) {
        return byId(id, configDir, random, Map.of());
    }

    /** As {@link #byId(String, Path, SecureRandom)}, the keyring tool started with {@code environment} added. */
    static Optional<OsKeyringVault> byId(String id, Path configDir, SecureRandom random, Map<String, String> environment) {
        for (Kind k : Kind.values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(id)) {
                return Optional.of(new OsKeyringVault(k, configDir.resolve("profile-secrets.key.dpapi"), random,
                        environment));
            }
        }
        return Optional.empty();
    }

    @Override
    public String id() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String description() {
        return switch (kind) {
            case SECRET_TOOL -> "the desktop keyring (Secret Service, via secret-tool)";
            case MACOS_KEYCHAIN -> "the macOS login keychain";
            case WINDOWS_DPAPI -> "a key file protected by Windows DPAPI for this user (" + dpapiFile + ")";
        };
    }

    @Override
    public synchronized byte[] key() {
        Optional<byte[]> existing = existingKey();
        if (existing.isPresent()) return existing.get();
        byte[] key = new byte[32];
        random.nextBytes(key);
        store(Base64.getEncoder().encodeToString(key));
        return key;
    }

    @Override
    public synchronized Optional<byte[]> existingKey() {
        Optional<String> stored = lookup();
        if (stored.isEmpty()) return Optional.empty();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(stored.get().trim());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length == 32) return Optional.of(key);
        throw new SecretsException("The key in " + description() + " is damaged; saved passwords cannot be decrypted");
    }

    private boolean answers() {
        try {
            return switch (kind) {
                case SECRET_TOOL -> {
                    Result r = run(List.of("secret-tool", "lookup", "application", "edgedeck", "purpose", "profile-secrets"), null);
                    yield r.code == 0 || (r.code == 1 && r.err.isBlank());
                }
                case MACOS_KEYCHAIN -> {
                    Result r = run(List.of("security", "show-keychain-info"), null);
                    yield r.code == 0;
                }
                case WINDOWS_DPAPI -> run(powershell("Add-Type -AssemblyName System.Security; 'ok'"), null).out.contains("ok");
            };
        } catch (SecretsException e) {
            return false;
        }
    }

    private Optional<String> lookup() {
        return switch (kind) {
            case SECRET_TOOL -> {
                Result r = run(List.of("secret-tool", "lookup", "application", "edgedeck", "purpose", "profile-secrets"), null);
                if (r.code == 0 && !r.out.isBlank()) yield Optional.of(r.out);
                if (r.code == 1 && r.err.isBlank()) yield Optional.empty();
                throw failure(r);
            }
            case MACOS_KEYCHAIN -> {
                Result r = run(List.of("security", "find-generic-password", "-s", "edgedeck", "-a", "profile-secrets", "-w"), null);
                if (r.code == 0) yield Optional.of(r.out);
                if (r.code == 44) yield Optional.empty(); // errSecItemNotFound
                throw failure(r);
            }
            case WINDOWS_DPAPI -> {
                if (!Files.exists(dpapiFile)) yield Optional.empty();
                String blob;
                try {
                    blob = Files.readString(dpapiFile).trim();
                } catch (IOException e) {
                    throw new SecretsException("Cannot read " + dpapiFile + ": " + e.getMessage(), e);
                }
                Result r = run(powershell("Add-Type -AssemblyName System.Security; $b=[Convert]::FromBase64String("
                        + "[Console]::In.ReadLine()); [Convert]::ToBase64String([Security.Cryptography.ProtectedData]"
                        + "::Unprotect($b,$null,'CurrentUser'))"), blob + "\n");
                if (r.code == 0) yield Optional.of(r.out);
                throw failure(r);
            }
        };
    }

    private void store(String keyBase64) {
        Result r = switch (kind) {
            case SECRET_TOOL -> run(List.of("secret-tool", "store", "--label=" + LABEL, "application", "edgedeck",
                    "purpose", "profile-secrets"), keyBase64); // stored as given: no newline
            // the key is on security's command line for a moment: the keychain offers no other non-interactive input
            case MACOS_KEYCHAIN -> run(List.of("security", "add-generic-password", "-U", "-s", "edgedeck", "-a",
                    "profile-secrets", "-l", LABEL, "-w", keyBase64), null);
            case WINDOWS_DPAPI -> {
                Result p = run(powershell("Add-Type -AssemblyName System.Security; $b=[Convert]::FromBase64String("
                        + "[Console]::In.ReadLine()); [Convert]::ToBase64String([Security.Cryptography.ProtectedData]"
                        + "::Protect($b,$null,'CurrentUser'))"), keyBase64 + "\n");
                if (p.code == 0) {
                    try {
                        OwnerOnlyFiles.write(dpapiFile, p.out.trim().getBytes(StandardCharsets.US_ASCII), true);
                    } catch (IOException e) {
                        throw new SecretsException("Cannot write " + dpapiFile + ": " + e.getMessage(), e);
                    }
                }
                yield p;
            }
        };
        if (r.code != 0) throw failure(r);
    }

    private SecretsException failure(Result r) {
        String why = r.err.isBlank() ? "exit code " + r.code : r.err.strip();
        // a Secret Service without a default keyring (an SSH session where nothing unlocked one at login) answers the
        // probe but cannot store: say what to do about it
        String hint = kind == Kind.SECRET_TOOL && why.contains("does not exist")
                ? " — there is no unlocked default keyring: unlock or create one (the desktop's Passwords and Keys), or"
                        + " start EdgeDeck with EDGEDECK_KEYRING=off to keep the key in an owner-only file"
                : "";
        return new SecretsException(description() + " could not be used (" + why + ")" + hint
                + "; saved passwords are not available");
    }

    private static List<String> powershell(String script) {
        return List.of("powershell", "-NoProfile", "-NonInteractive", "-Command", script);
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(List<String> command, String stdin) {
        try {
            var builder = new ProcessBuilder(new ArrayList<>(command));
            builder.environment().putAll(environment);
            Process p = builder.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            var out = readAsync(p.getInputStream());
            var err = readAsync(p.getErrorStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SecretsException(description() + " did not answer within " + TIMEOUT_SECONDS + " s ("
                        + command.get(0) + " was stopped); saved passwords are not available");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new SecretsException(description() + " is not available (" + command.get(0) + " cannot be started: "
                    + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretsException("Interrupted while asking " + description(), e);
        }
    }

    private static java.util.concurrent.CompletableFuture<String> readAsync(InputStream in) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
