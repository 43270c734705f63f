package io.edgedeck.link.esp32.image;

import java.security.PublicKey;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the gate demands beyond well-formed images: whether unsigned images are refused, and which Secure
 * Boot keys are trusted — given as public keys or as their eFuse digests
 * ({@link SecureBootSignatures#publicKeyDigest(PublicKey)}, hex). When keys are configured, a signed image
 * must be signed by one of them; when signatures are required, some trusted key must be configured.
 */
public record ValidationPolicy(boolean requireSignedImages, Set<String> trustedKeyDigests, List<PublicKey> trustedKeys) {
    public ValidationPolicy {
        Set<String> digests = new HashSet<>();
        trustedKeyDigests.forEach(d -> digests.add(d.toLowerCase(Locale.ROOT)));
        trustedKeyDigests = Set.copyOf(digests);
        trustedKeys = List.copyOf(trustedKeys);
    }

    /** Accept unsigned images; check any signature that is present for consistency only. */
    public static ValidationPolicy permissive() {
        return new ValidationPolicy(false, Set.of(), List.of());
    }

    /** Refuse anything not signed by one of {@code keys}. */
    public static ValidationPolicy requireSignedBy(Collection<? extends PublicKey> keys) {
        return new ValidationPolicy(true, Set.of(), List.copyOf(keys));
    }

    /** Refuse anything not signed by a key with one of these digests (hex SHA-256, as burnt into eFuse). */
    public static ValidationPolicy requireSignedByDigests(Collection<String> digests) {
        return new ValidationPolicy(true, Set.copyOf(digests), List.of());
    }

    public boolean hasTrustedKeys() {
        return !trustedKeyDigests.isEmpty() || !trustedKeys.isEmpty();
    }

    /** Whether a V2 block's key (by its digest) is trusted. */
    public boolean trustsKeyDigest(String digest) {
        return trustedKeyDigests.contains(digest)
                || trustedKeys.stream().anyMatch(k -> digestOrNull(k) != null && digestOrNull(k).equals(digest));
    }

    private static String digestOrNull(PublicKey key) {
        try {
            return SecureBootSignatures.publicKeyDigest(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
