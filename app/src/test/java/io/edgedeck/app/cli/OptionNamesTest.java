package io.edgedeck.app.cli;

import io.edgedeck.app.AppPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Option names that issues spell out are a contract: `command --key` is the operator's signing key (issue 4), the TLS
 * client key is `--key` on collect/simulate and `--tls-key` everywhere (issue 5). Two commands sharing the broker
 * options must not make picocli refuse the whole command line.
 */
class OptionNamesTest {
    @TempDir
    Path home;

    private CommandLine cli() {
        return new CommandLine(new EdgeDeckCommand(new AppPaths(home.resolve("config"), home.resolve("data"), home.resolve("logs"))));
    }

    @Test
    void commandKeyIsTheOperatorKeyAndTheTlsKeyHasItsLongName() {
        CommandLine command = cli().getSubcommands().get("command");
        assertThat(command.getCommandSpec().findOption("--key").description()[0]).containsIgnoringCase("operator");
        assertThat(command.getCommandSpec().findOption("--tls-key")).isNotNull();
    }

    @Test
    void collectAndSimulateTakeTheTlsKeyUnderBothNames() {
        for (String name : new String[] {"collect", "simulate"}) {
            var spec = cli().getSubcommands().get(name).getCommandSpec();
            assertThat(spec.findOption("--key")).as(name).isNotNull();
            assertThat(spec.findOption("--tls-key")).as(name).isNotNull();
        }
    }
}
