package io.edgedeck.app.cli;

import io.edgedeck.app.Versions;
import picocli.CommandLine;

/** {@code edgedeck --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        Versions v = new Versions();
        return new String[] {
            "EdgeDeck " + v.edgedeck(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")",
            "JavaFX " + v.get("javafx") + ", TilesFX " + v.get("tilesfx") + ", HiveMQ client " + v.get("hivemq-client")
                + ", H2 " + v.get("h2")
        };
    }
}
