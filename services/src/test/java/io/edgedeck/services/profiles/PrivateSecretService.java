package io.edgedeck.services.profiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Secret Service of its own: a private D-Bus session bus ({@code dbus-daemon}) and a GNOME Keyring daemon
 * unlocked with a generated password, with HOME, XDG_DATA_HOME and XDG_RUNTIME_DIR in {@code dir} so no real user's
 * keyring is ever touched. The bus has no service directories, so nothing is started behind the test's back.
 */
final class PrivateSecretService implements AutoCloseable {
    static final List<String> TOOLS = List.of("dbus-daemon", "gnome-keyring-daemon", "secret-tool");
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);

    private final Path dir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Process bus;
    private final byte[] password = Base64.getEncoder().encode(new SecureRandom().generateSeed(18));
    private Process keyring;

    record Result(int code, String out, String err) {
    }

    /** The tools this needs that are not on PATH (empty: all there). */
    static List<String> missingTools() {
        String path = System.getenv().getOrDefault("PATH", "");
        return TOOLS.stream().filter(tool -> Stream.of(path.split(java.io.File.pathSeparator))
                .filter(d -> !d.isBlank()).noneMatch(d -> Files.isExecutable(Path.of(d, tool)))).toList();
    }

    PrivateSecretService(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        for (String sub : List.of("home", "data", "config", "run")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.setPosixFilePermissions(dir.resolve("run"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        environment.put("HOME", dir.resolve("home").toString());
        environment.put("XDG_DATA_HOME", dir.resolve("data").toString());
        environment.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        environment.put("XDG_RUNTIME_DIR", dir.resolve("run").toString());
        Path config = dir.resolve("bus.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(dir.resolve("run/bus")));
        bus = start(List.of("dbus-daemon", "--config-file=" + config, "--nofork", "--print-address=1"));
        bus.getOutputStream().close();
        var reader = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8));
        String address = reader.readLine(); // printed once the bus listens
        if (address == null || address.isBlank()) {
            close();
            throw new IOException("dbus-daemon printed no address: " + Files.readString(dir.resolve("dbus-daemon.log")));
        }
        environment.put("DBUS_SESSION_BUS_ADDRESS", address.strip());
        startKeyring(true);
    }

    /** What a keyring tool needs to use this Secret Service (added to the caller's environment). */
    Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /**
     * Starts GNOME Keyring on the bus: unlocked with this session's generated password on stdin (the "login" keyring is
     * created on first start), or, like D-Bus activation after a crash, started without one so that keyring stays locked.
     */
    void startKeyring(boolean unlocked) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gnome-keyring-daemon", "--components=secrets", "--foreground"));
        command.add(unlocked ? "--unlock" : "--start");
        keyring = start(command);
        // its few lines of output go to gnome-keyring-daemon.log (see start), so it never blocks on a full pipe
        try (var stdin = keyring.getOutputStream()) {
            if (unlocked) stdin.write(password);
        }
        Instant deadline = Instant.now().plus(READY_WITHIN);
        Result r;
        do { // until the daemon owns org.freedesktop.secrets: "not found" (1, silent) instead of a D-Bus error
            Thread.sleep(50);
            r = secretTool(List.of("lookup", "edgedeck-test", "ready-" + HexFormat.of().toHexDigits(System.nanoTime())));
        } while (!(r.code() == 1 && r.err().isBlank()) && keyring.isAlive() && Instant.now().isBefore(deadline));
        if (!(r.code() == 1 && r.err().isBlank())) {
            throw new IOException("gnome-keyring-daemon did not come up on the private bus: " + r.err());
        }
    }

    /** Stops the keyring daemon (the bus stays), as when it crashes or the session ends. */
    void stopKeyring() throws IOException, InterruptedException {
        if (keyring == null) return;
        freezeKeyring(false); // a frozen process would not act on SIGTERM
        keyring.destroy();
        if (!keyring.waitFor(10, TimeUnit.SECONDS)) keyring.destroyForcibly().waitFor();
        keyring = null;
    }

    /** Freezes (SIGSTOP) or thaws (SIGCONT) the keyring daemon: a frozen one takes calls and never answers. */
    void freezeKeyring(boolean frozen) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(keyring.pid()))
                .redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) throw new IOException("kill failed: " + out);
    }

    /** Runs {@code secret-tool} against this Secret Service. */
    Result secretTool(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("secret-tool"));
        command.addAll(args);
        Process p = start(command);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8); // a line at most
        return new Result(p.waitFor(), out, err);
    }

    /** Starts a tool in the private session; a daemon's stderr (and the keyring's stdout too) go to its log file. */
    private Process start(List<String> command) throws IOException {
        var builder = new ProcessBuilder(command).directory(dir.toFile());
        String tool = command.get(0);
        if (tool.endsWith("-daemon")) {
            var log = ProcessBuilder.Redirect.appendTo(dir.resolve(tool + ".log").toFile());
            builder.redirectError(log);
            if (tool.equals("gnome-keyring-daemon")) builder.redirectOutput(log);
        }
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        builder.environment().remove("GNOME_KEYRING_CONTROL");
        builder.environment().putAll(environment);
        return builder.start();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stopKeyring();
        bus.destroy();
        if (!bus.waitFor(10, TimeUnit.SECONDS)) bus.destroyForcibly().waitFor();
    }
}
