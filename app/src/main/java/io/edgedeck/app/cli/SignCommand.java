package io.edgedeck.app.cli;

import io.edgedeck.link.command.CommandSigner;
import io.edgedeck.link.command.LoadedKey;
import io.edgedeck.link.command.RelayCommand;
import io.edgedeck.link.command.SignedCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Prints a signed relay command (JWS, valid for 5 minutes) for a device, without sending it.")
public final class SignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The operator key file.")
    Path keyFile;

    @Option(names = "--passphrase-file", paramLabel = "F", description = "Read the passphrase from the first line of F.")
    Path passphraseFile;

    @Option(names = "--device", required = true, paramLabel = "ID", description = "The device the command is for.")
    String device;

    @Option(names = "--command", required = true, paramLabel = "CMD", description = "relay_on, relay_off or relay_toggle.")
    String command;

    @Override
    public Integer call() {
        RelayCommand cmd = RelayCommand.parse(command);
        LoadedKey key = KeyUnlocking.unlock(keyFile, passphraseFile);
        KeysCommand.printWarnings(spec.commandLine().getErr(), key);
        SignedCommand signed = new CommandSigner(key.key(), Clock.systemUTC(), new SecureRandom()).sign(device, cmd);
        spec.commandLine().getOut().println(signed.jws());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
