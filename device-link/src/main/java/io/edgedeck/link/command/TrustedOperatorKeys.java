package io.edgedeck.link.command;

import java.security.interfaces.ECPublicKey;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator public keys a device trusts, found by key id. Asked on every command, so an implementation backed
 * by a live registry trusts keys added later (and stops trusting removed ones) without a restart.
 */
@FunctionalInterface
public interface TrustedOperatorKeys {
    Optional<ECPublicKey> find(String keyId);

    /** A fixed set of keys, each under its RFC 7638 key id. */
    static TrustedOperatorKeys of(Collection<ECPublicKey> keys) {
        Map<String, ECPublicKey> byId = keys.stream()
                .collect(Collectors.toUnmodifiableMap(OperatorKeys::keyId, Function.identity(), (a, b) -> a));
        return kid -> Optional.ofNullable(byId.get(kid));
    }

    /** Trusts nobody: every command is refused with {@link RejectReason#UNKNOWN_KEY}. */
    static TrustedOperatorKeys none() {
        return kid -> Optional.empty();
    }
}
