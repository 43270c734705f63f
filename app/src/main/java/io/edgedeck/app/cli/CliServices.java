package io.edgedeck.app.cli;

import io.edgedeck.app.AppPaths;
import io.edgedeck.db.LocalStore;
import io.edgedeck.services.KeyRing;
import io.edgedeck.services.OperatorSession;
import picocli.CommandLine.Model.CommandSpec;

/** The services a CLI command uses, over the database it opened; the key ring is the one of the user's data folder. */
final class CliServices {
    private CliServices() {
    }

    static AppPaths paths(CommandSpec spec) {
        return ((EdgeDeckCommand) spec.root().userObject()).paths();
    }

    static OperatorSession session(CommandSpec spec, LocalStore store) {
        return new OperatorSession(store.operators(), store.audit(), KeyRing.inDataFolder(paths(spec).dataDir()));
    }
}
