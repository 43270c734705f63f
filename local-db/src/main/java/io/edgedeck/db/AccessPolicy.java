package io.edgedeck.db;

import java.util.Optional;

/**
 * Who may do what: the one place the CLI and the UI ask before acting. The answer is empty when allowed, else the
 * refusal in words ("Viewer 'bob' may not send commands to devices (only Admin and Technician may)").
 */
public final class AccessPolicy {
    private AccessPolicy() {
    }

    /** Empty when {@code operator} may do {@code what}; otherwise why not ("sign in to …" for no operator). */
    public static Optional<String> refusal(Operator operator, Permission what) {
        if (operator == null) {
            return Optional.of("sign in to " + what.doing());
        }
        if (operator.disabled()) {
            return Optional.of("operator '" + operator.name() + "' is disabled and may not " + what.doing());
        }
        boolean allowed = switch (what) {
            case SEND_COMMAND -> operator.role().mayCommand();
            case MANAGE_OPERATORS -> operator.role().mayManageOperators();
            case READ_AUDIT -> operator.role().mayReadAudit();
            case ACKNOWLEDGE_ALARMS, EDIT_ALERT_RULES -> operator.role().mayAcknowledgeAlarms();
        };
        return allowed ? Optional.empty() : Optional.of(operator.role().title() + " '" + operator.name()
                + "' may not " + what.doing() + " (only " + what.allowedRoles() + " may)");
    }

    /** Whether {@code operator} may do {@code what}. */
    public static boolean allows(Operator operator, Permission what) {
        return refusal(operator, what).isEmpty();
    }

    /** Throws {@link AccessRefusedException} with the refusal when {@code operator} may not do {@code what}. */
    public static void require(Operator operator, Permission what) {
        refusal(operator, what).ifPresent(reason -> {
            throw new AccessRefusedException(reason);
        });
    }
}
