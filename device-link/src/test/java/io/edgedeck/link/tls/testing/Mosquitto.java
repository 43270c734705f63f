package io.edgedeck.link.tls.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Mosquitto, started by a test on a free port of 127.0.0.1 with a generated configuration: one TLS
 * listener with the given CA, broker certificate and key, client certificates required or not, and a TLS version
 * ({@link #start}); or a plain listener with persistence and queue limits as a test needs them ({@link #startPlain}).
 * {@link #find()} is empty where Mosquitto is not installed (tests then skip with {@link #MISSING}).
 */
public final class Mosquitto implements AutoCloseable {
    /** What a skipped test says. */
    public static final String MISSING = "Mosquitto is not installed (Debian: apt-get install mosquitto); "
            + "the TLS interop tests against it are skipped";

    /**
     * A TLS listener's set-up.
     *
     * @param requireCertificate Mosquitto's {@code require_certificate}: clients must show a certificate from {@code ca}
     * @param tlsVersion         Mosquitto's {@code tls_version} (tlsv1.3, tlsv1.2, tlsv1.1), null for its default
     * @param identityAsUsername {@code use_identity_as_username}: the client certificate's CN becomes the user name,
     *                           and the ACL lets each device write only under {@code devices/<CN>/#} and its own
     *                           smartplug/sensors topics
     */
    public record Listener(Path ca, Path certificate, Path key, boolean requireCertificate, String tlsVersion,
                           boolean identityAsUsername) {
        public static Listener mutualTls(Path ca, Path certificate, Path key) {
            return new Listener(ca, certificate, key, true, null, false);
        }

        public Listener withTlsVersion(String version) {
            return new Listener(ca, certificate, key, requireCertificate, version, identityAsUsername);
        }

        public Listener withRequireCertificate(boolean require) {
            return new Listener(ca, certificate, key, require, tlsVersion, identityAsUsername);
        }

        public Listener withIdentityAsUsername(boolean on) {
            return new Listener(ca, certificate, key, requireCertificate, tlsVersion, on);
        }
    }

    private final Process process;
    private final int port;
    private final Path log;

    private Mosquitto(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The mosquitto program: on the PATH or in /usr/sbin (where Debian puts it). */
    public static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) candidates.add(Path.of(dir, "mosquitto"));
        }
        candidates.add(Path.of("/usr/sbin/mosquitto"));
        candidates.add(Path.of("/usr/local/sbin/mosquitto"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Starts Mosquitto with this listener; waits until it accepts connections. */
    public static Mosquitto start(Path dir, Listener listener) {
        Path exe = find().orElseThrow(() -> new IllegalStateException(MISSING));
        try {
            Files.createDirectories(dir);
            int port = freePort();
            Path conf = Files.createTempFile(dir, "mosquitto-", ".conf");
            Path log = Path.of(conf.toString().replace(".conf", ".log"));
            StringBuilder c = new StringBuilder();
            c.append("per_listener_settings false\n");
            c.append("persistence false\n");
            c.append("user root\n");                 // no privilege drop when tests run as root (it could not read the keys)
            c.append("log_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\n");
            c.append("max_queued_messages 0\nmax_inflight_messages 0\n");
            c.append("listener ").append(port).append(" 127.0.0.1\n");
            c.append("cafile ").append(listener.ca().toAbsolutePath()).append('\n');
            c.append("certfile ").append(listener.certificate().toAbsolutePath()).append('\n');
            c.append("keyfile ").append(listener.key().toAbsolutePath()).append('\n');
            c.append("require_certificate ").append(listener.requireCertificate()).append('\n');
            if (listener.tlsVersion() != null) c.append("tls_version ").append(listener.tlsVersion()).append('\n');
            if (listener.identityAsUsername()) {
                Path acl = Path.of(conf.toString().replace(".conf", ".acl"));
                Files.writeString(acl, """
                        # each device its own branch (the onboarding system's least privilege); readers see all
                        pattern readwrite devices/%u/#
                        pattern readwrite smartplug/%u/#
                        pattern readwrite sensors/%u/#
                        user edgedeck-operator
                        topic read #
                        """, StandardCharsets.US_ASCII);
                c.append("use_identity_as_username true\n");
                c.append("acl_file ").append(acl.toAbsolutePath()).append('\n');
            }
            c.append("allow_anonymous true\n");
            Files.writeString(conf, c.toString(), StandardCharsets.US_ASCII);
            Process p = new ProcessBuilder(exe.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Mosquitto m = new Mosquitto(p, port, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("mosquitto exited with " + p.exitValue() + ": " + m.log());
                }
                if (accepts(port)) return m;
                Thread.sleep(20);
            }
            m.close();
            throw new IllegalStateException("mosquitto did not listen on port " + port + " within 10 s: " + m.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A plain listener on 127.0.0.1.
     *
     * @param port              the port (0: a free one); a restarted broker reuses the first one's
     * @param persistence       Mosquitto's {@code persistence}: sessions and queued messages are saved in {@code dir} at
     *                          shutdown and read back at start
     * @param maxQueuedMessages Mosquitto's {@code max_queued_messages} per offline or busy client (0: no limit;
     *                          Mosquitto's own default is 1,000)
     * @param sysInterval       Mosquitto's {@code sys_interval}: seconds between its {@code $SYS/broker/…} updates
     *                          (0: Mosquitto's default, 10 s)
     */
    public record Plain(int port, boolean persistence, int maxQueuedMessages, int sysInterval) {
        public static Plain unlimited() {
            return new Plain(0, false, 0, 0);
        }

        public Plain withPersistence(boolean on) {
            return new Plain(port, on, maxQueuedMessages, sysInterval);
        }

        public Plain withMaxQueuedMessages(int max) {
            return new Plain(port, persistence, max, sysInterval);
        }

        public Plain onPort(int p) {
            return new Plain(p, persistence, maxQueuedMessages, sysInterval);
        }

        public Plain withSysInterval(int seconds) {
            return new Plain(port, persistence, maxQueuedMessages, seconds);
        }
    }

    /** Starts Mosquitto with a plain MQTT listener; waits until it accepts connections. */
    public static Mosquitto startPlain(Path dir, Plain plain) {
        try {
            Files.createDirectories(dir);
            int port = plain.port() > 0 ? plain.port() : freePort();
            StringBuilder c = new StringBuilder();
            c.append("per_listener_settings false\n");
            c.append("persistence ").append(plain.persistence()).append('\n');
            if (plain.persistence()) {
                c.append("persistence_location ").append(dir.toAbsolutePath()).append("/\n");
                c.append("autosave_interval 1\n");
            }
            c.append("user root\n");
            c.append("log_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\n");
            c.append("max_queued_messages ").append(plain.maxQueuedMessages()).append('\n');
            c.append("max_inflight_messages 0\n");
            if (plain.sysInterval() > 0) c.append("sys_interval ").append(plain.sysInterval()).append('\n');
            c.append("listener ").append(port).append(" 127.0.0.1\n");
            c.append("allow_anonymous true\n");
            return launch(dir, port, c.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mosquitto launch(Path dir, int port, String config) throws IOException {
        Path exe = find().orElseThrow(() -> new IllegalStateException(MISSING));
        Path conf = Files.createTempFile(dir, "mosquitto-", ".conf");
        Path log = Path.of(conf.toString().replace(".conf", ".log"));
        Files.writeString(conf, config, StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder(exe.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Mosquitto m = new Mosquitto(p, port, log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("mosquitto exited with " + p.exitValue() + ": " + m.log());
                }
                if (accepts(port)) return m;
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m.close();
            throw new IllegalStateException(e);
        }
        m.close();
        throw new IllegalStateException("mosquitto did not listen on port " + port + " within 10 s: " + m.log());
    }

    public int port() {
        return port;
    }

    /** tcp://127.0.0.1:port */
    public java.net.URI uri() {
        return java.net.URI.create("tcp://127.0.0.1:" + port);
    }

    /** What Mosquitto logged so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
