package io.edgedeck.app.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --key FILE}, the short name of {@code --tls-key} on {@code collect}, {@code simulate} and the console. The
 * {@code command} command leaves it out: there {@code --key} is the operator's signing key (issue 4's contract), and
 * the TLS client key is given as {@code --tls-key}.
 */
public final class TlsKeyOption {
    @Option(names = "--key", paramLabel = "FILE",
            description = "Private key of --cert (the same as --tls-key), PEM: PKCS#8 (encrypted or not), PKCS#1 RSA or SEC1 EC.")
    Path file;
}
