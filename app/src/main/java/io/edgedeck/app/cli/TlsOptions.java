package io.edgedeck.app.cli;

import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.tls.Passphrase;
import io.edgedeck.link.tls.TlsSettings;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS options of the commands that connect ({@code collect}, {@code simulate}, the console): what to trust, the
 * client certificate for mutual TLS, and the deliberate switch that turns the broker name check off.
 */
public final class TlsOptions {
    @Option(names = "--ca", paramLabel = "FILE",
            description = "Trust only the CA certificate(s) in this PEM file for the broker's certificate "
                    + "(default for ssl:// addresses: the operating system's trusted CAs).")
    Path caFile;

    @Option(names = "--system-cas",
            description = "With --ca: trust the operating system's CAs as well.")
    boolean systemCas;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "Client certificate for mutual TLS: PEM (with --key), or a PKCS#12 file (.p12/.pfx) holding the key too.")
    Path certFile;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "Private key of --cert, PEM: PKCS#8 (encrypted or not), PKCS#1 RSA or SEC1 EC. Also --key on "
                    + "the commands where --key means nothing else.")
    Path keyFile;

    @Option(names = "--key-passphrase-file", paramLabel = "FILE",
            description = "File whose first line is the passphrase of an encrypted --key or PKCS#12 --cert "
                    + "(never pass a passphrase on the command line).")
    Path passphraseFile;

    @Option(names = "--tls-insecure-no-hostname-check",
            description = "Do not check the broker's name against its certificate (SAN/CN). Insecure: anyone with a "
                    + "certificate from a trusted CA can pose as the broker. Prints a warning.")
    boolean noHostnameCheck;

    /**
     * Takes {@code --key} ({@link TlsKeyOption}) as the client key where a command offers that short name; `command`
     * does not, because there {@code --key} is the operator's signing key.
     */
    void useKeyOption(TlsKeyOption option) {
        if (option == null || option.file == null) return;
        if (keyFile != null && !keyFile.equals(option.file)) {
            throw new IllegalArgumentException("--key and --tls-key name different files; give one of them");
        }
        keyFile = option.file;
    }

    /** True when any TLS option was given. */
    boolean given() {
        return caFile != null || systemCas || certFile != null || keyFile != null || passphraseFile != null
                || noHostnameCheck;
    }

    /**
     * The broker settings with these TLS options applied. TLS options with a plain tcp:// address are refused (a
     * typo would otherwise send certificates' owners' data in clear text); files are checked to exist and be readable.
     */
    BrokerSettings applyTo(BrokerSettings base) {
        if (!given()) return base;
        if (!BrokerSettings.isTlsScheme(base.uri())) {
            throw new IllegalArgumentException("TLS options (--ca, --cert, --key, ...) need a TLS broker address: ssl://"
                    + base.host() + ":" + BrokerSettings.TLS_PORT + " instead of " + base.uri());
        }
        return base.withTls(settings());
    }

    TlsSettings settings() {
        if (systemCas && caFile == null) {
            throw new IllegalArgumentException("--system-cas goes with --ca (without --ca the system's CAs are trusted anyway)");
        }
        if (keyFile != null && certFile == null) {
            throw new IllegalArgumentException("--key/--tls-key needs --cert (the client certificate it belongs to)");
        }
        if (passphraseFile != null && certFile == null) {
            throw new IllegalArgumentException("--key-passphrase-file needs --cert and --key");
        }
        TlsSettings tls = caFile != null ? TlsSettings.pinnedCa(readable(caFile, "--ca")).withSystemStore(systemCas)
                : TlsSettings.systemTrust();
        if (certFile != null) {
            Optional<Passphrase> pass = passphraseFile == null ? Optional.empty()
                    : Optional.of(Passphrase.readFrom(readable(passphraseFile, "--key-passphrase-file")));
            tls = tls.withIdentity(readable(certFile, "--cert"), keyFile == null ? null : readable(keyFile, "--key"), pass);
        }
        return tls.withHostnameVerification(!noHostnameCheck);
    }

    /**
     * Lays the TLS options that were given over a saved profile's: {@code --ca} (with {@code --system-cas}) replaces
     * its trust, {@code --cert}/{@code --key} its client certificate, {@code --key-passphrase-file} its passphrase.
     */
    void overrideProfile(io.edgedeck.services.profiles.ConnectionProfile.Builder profile) {
        if (systemCas && caFile == null) {
            throw new IllegalArgumentException("--system-cas goes with --ca (without --ca the system's CAs are trusted anyway)");
        }
        if (caFile != null) {
            profile.caFile(readable(caFile, "--ca")).trustSystemCas(systemCas);
        }
        if (keyFile != null && certFile == null) {
            throw new IllegalArgumentException("--key/--tls-key needs --cert (the client certificate it belongs to)");
        }
        if (certFile != null) {
            profile.certFile(readable(certFile, "--cert")).keyFile(keyFile == null ? null : readable(keyFile, "--key"));
        }
        if (passphraseFile != null) {
            profile.keyPassphrase(Optional.of(Passphrase.readFrom(readable(passphraseFile, "--key-passphrase-file"))));
        }
        if (noHostnameCheck) {
            profile.verifyHostname(false);
        }
    }

    /** Says on stderr that the name check is off, when it is. */
    void warnIfInsecure(PrintWriter err) {
        if (noHostnameCheck) {
            err.println("edgedeck: WARNING: --tls-insecure-no-hostname-check: the broker's name is not checked against "
                    + "its certificate; anyone with a certificate from a trusted CA can pose as the broker.");
            err.flush();
        }
    }

    private static Path readable(Path file, String option) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": permission denied (cannot read it)");
        }
        return file;
    }
}
