package io.edgedeck.services.profiles;

/**
 * Where the key that encrypts saved profile secrets lives: the operating system's keyring, or an owner-only key file.
 */
public interface KeyVault {
    /** A stable id written next to the secrets, so they are decrypted with the same kind of vault later. */
    String id();

    /** Says where the key is, for the README's honesty and for messages. */
    String description();

    /** The 32-byte key, created on first use. Throws {@link SecretsException} when the vault cannot give it. */
    byte[] key();

    /**
     * The 32-byte key if the vault holds one, never creating it: for reading saved secrets, so that a keyring that
     * answers "not found" (locked, or reset) is reported instead of being given a new key.
     */
    java.util.Optional<byte[]> existingKey();
}
