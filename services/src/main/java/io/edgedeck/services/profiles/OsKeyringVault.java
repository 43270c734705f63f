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

    private OsKeyringVault(Kind kind, Path dpapiFile, SecureRandom random) {
        this.kind = kind;
        this.dpapiFile = dpapiFile;
        this.random = random;
    }

    /**
     * The keyring of this machine if it answers, e.g. none over SSH without a desktop session.
     *
     * @param configDir where the DPAPI-protected key file goes on Windows
     */
    public static Optional<OsKeyringVault> probe(Path configDir, SecureRandom random) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Kind kind = os.contains("win") ? Kind.WINDOWS_DPAPI : os.contains("mac") ? Kind.MACOS_KEYCHAIN : Kind.SECRET_TOOL;
        var vault = new OsKeyringVault(kind, configDir.resolve("profile-secrets.key.dpapi"), random);
        return vault.answers() ? Optional.of(vault) : Optional.empty();
    }

    /** The vault of a secrets file written with {@code id}, without probing (it is used only if it answers). */
    static Optional<OsKeyringVault> byId(String id, Path configDir, SecureRandom random) {
        for (Kind k : Kind.values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(id)) {
                return Optional.of(new OsKeyringVault(k, configDir.resolve("profile-secrets.key.dpapi"), random));
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
        Optional<String> stored = lookup();
        if (stored.isPresent()) {
            byte[] key = Base64.getDecoder().decode(stored.get().trim());
            if (key.length == 32) return key;
            throw new SecretsException("The key in " + description() + " is damaged; saved passwords cannot be decrypted");
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        store(Base64.getEncoder().encodeToString(key));
        return key;
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
                        + "::Unprotect($b,$null,'CurrentUser'))"), blob);
                if (r.code == 0) yield Optional.of(r.out);
                throw failure(r);
            }
        };
    }

    private void store(String keyBase64) {
        Result r = switch (kind) {
            case SECRET_TOOL -> run(List.of("secret-tool", "store", "--label=" + LABEL, "application", "edgedeck",
                    "purpose", "profile-secrets"), keyBase64);
            // the key is on security's command line for a moment: the keychain offers no other non-interactive input
            case MACOS_KEYCHAIN -> run(List.of("security", "add-generic-password", "-U", "-s", "edgedeck", "-a",
                    "profile-secrets", "-l", LABEL, "-w", keyBase64), null);
            case WINDOWS_DPAPI -> {
                Result p = run(powershell("Add-Type -AssemblyName System.Security; $b=[Convert]::FromBase64String("
                        + "[Console]::In.ReadLine()); [Convert]::ToBase64String([Security.Cryptography.ProtectedData]"
                        + "::Protect($b,$null,'CurrentUser'))"), keyBase64);
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
        return new SecretsException(description() + " did not answer (" + why + "); saved passwords are not available");
    }

    private static List<String> powershell(String script) {
        return List.of("powershell", "-NoProfile", "-NonInteractive", "-Command", script);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) in.write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
            }
            var out = readAsync(p.getInputStream());
            var err = readAsync(p.getErrorStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SecretsException(command.get(0) + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new SecretsException(command.get(0) + " is not available: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretsException("interrupted while asking the keyring", e);
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
