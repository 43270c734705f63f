package io.edgedeck.services;

import io.edgedeck.db.Operator;
import io.edgedeck.link.command.OperatorKey;

import java.util.Objects;

/**
 * An operator who proved who they are by unlocking their own key, whose key id equals the one registered for them.
 * Hand it to {@link RelayControl} and to Admin actions of {@link OperatorSession}. {@code operator} is a snapshot
 * taken at sign-in: services re-read the operator's current role and state before acting, so a role changed or an
 * account disabled since then counts at once. {@link #toString()} never shows key material.
 *
 * @param operator the operator as registered at sign-in
 * @param key      their unlocked key (private half in memory only, for signing)
 */
public record SignedIn(Operator operator, OperatorKey key) {
    public SignedIn {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(key, "key");
        if (!operator.keyId().equals(key.keyId())) {
            throw new IllegalArgumentException("the key does not belong to operator '" + operator.name() + "'");
        }
    }

    /** The operator's name. */
    public String name() {
        return operator.name();
    }

    @Override
    public String toString() {
        return "SignedIn[" + operator.describe() + ", kid=" + key.keyId() + "]";
    }
}
