package io.edgedeck.services;

import io.edgedeck.db.AccessPolicy;
import io.edgedeck.db.Operator;
import io.edgedeck.db.OperatorRegistry;
import io.edgedeck.db.Permission;
import io.edgedeck.link.command.KeyFileException;
import io.edgedeck.link.command.KeyFiles;
import io.edgedeck.link.command.TrustedOperatorKeys;

import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator keys a device provisioned by this console trusts: the registered public keys of enabled operators
 * whose role may send commands. Read from the registry on every command, so a newly added Technician is trusted at
 * once and a disabled or demoted one no longer is. The demo fleet's simulated plugs use it.
 */
public final class FleetTrust implements TrustedOperatorKeys {
    private final OperatorRegistry operators;
    private final Map<String, ECPublicKey> parsed = new ConcurrentHashMap<>();

    public FleetTrust(OperatorRegistry operators) {
        this.operators = Objects.requireNonNull(operators, "operators");
    }

    @Override
    public Optional<ECPublicKey> find(String keyId) {
        if (keyId == null) {
            return Optional.empty();
        }
        Optional<Operator> owner = operators.findByKeyId(keyId)
                .filter(o -> AccessPolicy.allows(o, Permission.SEND_COMMAND));
        return owner.flatMap(o -> parse(o.publicKeyPem()));
    }

    private Optional<ECPublicKey> parse(String pem) {
        ECPublicKey key = parsed.get(pem);
        if (key == null) {
            try {
                key = KeyFiles.parsePublic("a registered operator key", pem);
            } catch (KeyFileException e) {
                return Optional.empty();
            }
            parsed.put(pem, key);
        }
        return Optional.of(key);
    }
}
