package io.edgedeck.link.command;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/** The BouncyCastle provider instance this package uses, passed explicitly (never installed JVM-wide). */
final class BouncyCastle {
    /** Stateless after construction; one instance saves the ~0.1 s it takes to build. */
    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
