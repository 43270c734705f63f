package io.edgedeck.services.alerts;

import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.Operator;
import io.edgedeck.db.OperatorRegistry;
import io.edgedeck.services.SignedIn;

/**
 * The signed-in operator as registered now: a role changed or an account disabled since sign-in counts at once, and
 * a replaced key ends the session.
 */
final class RegisteredOperator {
    private RegisteredOperator() {
    }

    /** Null when nobody is signed in ({@code who} null); the policy then refuses with "sign in to …". */
    static Operator now(OperatorRegistry operators, SignedIn who) {
        if (who == null) {
            return null;
        }
        Operator now = operators.find(who.name())
                .orElseThrow(() -> new AccessRefusedException("there is no operator '" + who.name() + "'"));
        if (!now.keyId().equals(who.operator().keyId())) {
            throw new AccessRefusedException("the key of operator '" + who.name() + "' has changed; sign in again");
        }
        return now;
    }
}
