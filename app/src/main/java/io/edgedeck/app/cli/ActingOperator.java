package io.edgedeck.app.cli;

import io.edgedeck.db.AccessRefusedException;
import io.edgedeck.db.Operator;
import io.edgedeck.db.OperatorRegistry;
import picocli.CommandLine.Option;

/**
 * {@code --as NAME}: the operator on whose behalf a command changes operators. While the console has no operator
 * yet it may be left out (the first operator added becomes Admin); afterwards it must name an enabled Admin.
 *
 * <p>Seam: today the name is taken on trust (whoever can write the database file can act). When issue 4's key
 * handling lands, {@link #resolve} must also unlock that operator's key ({@code --key FILE}, passphrase prompt or
 * {@code --passphrase-file}) and check that its key id equals {@link Operator#keyId()}, and audit the login.
 */
public final class ActingOperator {
    @Option(names = "--as", paramLabel = "NAME",
            description = "The Admin making the change (not needed for the very first operator).")
    String name;

    /** The acting operator, or null when none was named and the registry is still empty (bootstrap). */
    Operator resolve(OperatorRegistry operators) {
        if (name == null) {
            if (operators.isEmpty()) {
                return null;
            }
            throw new AccessRefusedException("name the Admin making this change with --as NAME "
                    + "(only an Admin may manage operators once the first one exists)");
        }
        return operators.find(name).orElseThrow(() -> new AccessRefusedException("there is no operator '" + name
                + "' (see 'edgedeck operators list')"));
    }
}
