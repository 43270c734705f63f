package io.edgedeck.link.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An in-process MQTT broker (HiveMQ CE) on localhost, for the embedded default and for tests.
 * <p>
 * Listens on 127.0.0.1 only, keeps everything in memory, lives in its own temporary folder (config, data, extensions),
 * which {@link #close()} deletes. HiveMQ's own logging bootstrap is switched off (it would reconfigure the
 * application's logback); when logback is the SLF4J backend and nobody configured {@code com.hivemq}, that logger is
 * set to WARN. Starting takes about 1–2 s, stopping about 4 s: share one broker where you can.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** Default per-client queue limit (HiveMQ's own default of 1,000 drops messages under load). */
    public static final long DEFAULT_MAX_QUEUED_MESSAGES = 1_000_000;

    private static final String LOOPBACK = "127.0.0.1";

    private final EmbeddedHiveMQ hivemq;
    private final Path home;
    private final int port;
    private final boolean tls;
    private volatile boolean closed;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, Path home, int port, boolean tls) {
        this.hivemq = hivemq;
        this.home = home;
        this.port = port;
        this.tls = tls;
    }

    /** Starts on the given port on 127.0.0.1 (0 = any free port). Blocks until it accepts connections. */
    public static EmbeddedBroker start(int port) {
        return start(port, DEFAULT_MAX_QUEUED_MESSAGES);
    }

    /**
     * Like {@link #start(int)}, with the broker's per-client queue limit: messages waiting for one client beyond it are
     * discarded by the broker (persistent sessions of offline subscribers, slow subscribers).
     */
    public static EmbeddedBroker start(int port, long maxQueuedMessagesPerClient) {
        return start(port, maxQueuedMessagesPerClient, null);
    }

    /**
     * Like {@link #start(int)}, accepting only clients that log in with this user name and password (MQTT simple
     * auth); others get "bad user name or password".
     */
    public static EmbeddedBroker startWithLogin(int port, String username, char[] password) {
        java.util.Objects.requireNonNull(username, "username");
        java.util.Objects.requireNonNull(password, "password");
        return start(port, DEFAULT_MAX_QUEUED_MESSAGES, LoginExtension.create(username, password));
    }

    /** How a broker from {@link #startRefusing} answers a subscription it does not allow. */
    public enum Refusal {
        /** SUBACK with "not authorized" (Mosquitto, HiveMQ with an ACL). */
        SUBACK_FAILURE,
        /** Drops the client (as AWS IoT Core does with MQTT 3.1.1). */
        DISCONNECT
    }

    /**
     * Like {@link #start(int)}, refusing every subscription whose filter starts with {@code prefix} — tests of clients
     * facing a strict ACL or policy.
     */
    public static EmbeddedBroker startRefusing(int port, String prefix, Refusal how) {
        java.util.Objects.requireNonNull(prefix, "prefix");
        java.util.Objects.requireNonNull(how, "how");
        return start(port, DEFAULT_MAX_QUEUED_MESSAGES, SubscriptionRefusal.create(prefix, how));
    }

    /**
     * A TLS listener for the embedded broker (tests of EdgeDeck's TLS link against HiveMQ).
     *
     * @param keyStore                 PKCS#12 file with the broker's key and certificate chain
     * @param trustStore               PKCS#12 file with the CAs whose client certificates are accepted, if any
     * @param requireClientCertificate clients must show a certificate from {@code trustStore} (mutual TLS)
     * @param protocols                TLS versions offered, e.g. TLSv1.3 and TLSv1.2
     */
    public record TlsListener(Path keyStore, char[] keyStorePassword, Optional<Path> trustStore,
                              char[] trustStorePassword, boolean requireClientCertificate, List<String> protocols) {
        public TlsListener {
            java.util.Objects.requireNonNull(keyStore, "keyStore");
            java.util.Objects.requireNonNull(trustStore, "trustStore");
            protocols = List.copyOf(protocols);
            if (requireClientCertificate && trustStore.isEmpty()) {
                throw new IllegalArgumentException("requiring client certificates needs a trust store");
            }
        }

        @Override
        public String toString() {
            return "TlsListener[" + keyStore + ", trust " + trustStore + ", mutual " + requireClientCertificate + "]";
        }
    }

    /** Starts a broker with one TLS listener (and no plain one) on 127.0.0.1; {@link #uri()} is {@code ssl://}. */
    public static EmbeddedBroker startTls(int port, TlsListener tls) {
        java.util.Objects.requireNonNull(tls, "tls");
        return start(port, DEFAULT_MAX_QUEUED_MESSAGES, null, tls);
    }

    private static EmbeddedBroker start(int port, long maxQueuedMessagesPerClient, EmbeddedExtension extension) {
        return start(port, maxQueuedMessagesPerClient, extension, null);
    }

    private static EmbeddedBroker start(int port, long maxQueuedMessagesPerClient, EmbeddedExtension extension,
                                        TlsListener tls) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (maxQueuedMessagesPerClient < 1) throw new IllegalArgumentException("queue limit must be positive");
        quietHiveMqLogging();
        widenDeliveryWindow();
        int attempts = port == 0 ? 3 : 1;
        RuntimeException last = null;
        for (int i = 0; i < attempts; i++) {
            int chosen = port == 0 ? freeLoopbackPort() : port;
            try {
                return startOn(chosen, maxQueuedMessagesPerClient, extension, tls);
            } catch (RuntimeException e) {
                last = e;
                LOG.debug("embedded broker did not start on port {}", chosen, e);
            }
        }
        throw last;
    }

    private static EmbeddedBroker startOn(int port, long maxQueued, EmbeddedExtension extension, TlsListener tls) {
        Path home;
        try {
            home = Files.createTempDirectory("edgedeck-broker-");
            Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("extensions"));
            Files.writeString(home.resolve("conf/config.xml"), configXml(port, maxQueued, tls), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker's folder: " + e.getMessage(), e);
        }
        var builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(home.resolve("conf"))
                .withDataFolder(home.resolve("data"))
                .withExtensionsFolder(home.resolve("extensions"))
                .withoutLoggingBootstrap();
        if (extension != null) builder = builder.withEmbeddedExtension(extension);
        EmbeddedHiveMQ hivemq = builder.build();
        long t0 = System.nanoTime();
        try {
            hivemq.start().get(60, TimeUnit.SECONDS);
            if (!accepts(port)) {
                throw new IllegalStateException("the embedded MQTT broker started but does not listen on "
                        + LOOPBACK + ":" + port + " (port in use?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(hivemq, home);
            throw new IllegalStateException("interrupted while starting the embedded MQTT broker", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            stopQuietly(hivemq, home);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot start the embedded MQTT broker on " + LOOPBACK + ":" + port + ": "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }
        LOG.info("embedded MQTT broker listening on {}:{} (started in {} ms)", LOOPBACK, port,
                (System.nanoTime() - t0) / 1_000_000);
        return new EmbeddedBroker(hivemq, home, port, tls != null);
    }

    static String configXml(int port, long maxQueued) {
        return configXml(port, maxQueued, null);
    }

    static String configXml(int port, long maxQueued, TlsListener tls) {
        String listener = tls == null ? """
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                """.formatted(port, LOOPBACK) : tlsListenerXml(port, tls);
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                %s    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <receive-maximum>
                            <server-receive-maximum>65535</server-receive-maximum>
                        </receive-maximum>
                    </mqtt>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(listener, maxQueued);
    }

    private static String tlsListenerXml(int port, TlsListener tls) {
        StringBuilder x = new StringBuilder();
        x.append("        <tls-tcp-listener>\n");
        x.append("            <port>").append(port).append("</port>\n");
        x.append("            <bind-address>").append(LOOPBACK).append("</bind-address>\n");
        x.append("            <tls>\n");
        x.append("                <keystore>\n");
        x.append("                    <path>").append(xml(tls.keyStore().toAbsolutePath().toString())).append("</path>\n");
        x.append("                    <password>").append(xml(new String(tls.keyStorePassword()))).append("</password>\n");
        x.append("                    <private-key-password>").append(xml(new String(tls.keyStorePassword())))
                .append("</private-key-password>\n");
        x.append("                </keystore>\n");
        if (tls.trustStore().isPresent()) {
            x.append("                <truststore>\n");
            x.append("                    <path>").append(xml(tls.trustStore().get().toAbsolutePath().toString())).append("</path>\n");
            x.append("                    <password>").append(xml(new String(tls.trustStorePassword()))).append("</password>\n");
            x.append("                </truststore>\n");
        }
        x.append("                <client-authentication-mode>")
                .append(tls.requireClientCertificate() ? "REQUIRED" : "NONE").append("</client-authentication-mode>\n");
        if (!tls.protocols().isEmpty()) {
            x.append("                <protocols>\n");
            for (String p : tls.protocols()) x.append("                    <protocol>").append(xml(p)).append("</protocol>\n");
            x.append("                </protocols>\n");
        }
        x.append("            </tls>\n");
        x.append("        </tls-tcp-listener>\n");
        return x.toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:PORT}, or {@code ssl://127.0.0.1:PORT} for a TLS listener */
    public URI uri() {
        return URI.create((tls ? "ssl://" : "tcp://") + LOOPBACK + ":" + port);
    }

    /** Stops the broker (blocking, a few seconds) and deletes its temporary folder. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        long t0 = System.nanoTime();
        stopQuietly(hivemq, home);
        LOG.info("embedded MQTT broker on port {} stopped in {} ms", port, (System.nanoTime() - t0) / 1_000_000);
    }

    private static void stopQuietly(EmbeddedHiveMQ hivemq, Path home) {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("embedded MQTT broker did not stop cleanly: {}", e.toString());
        }
        try {
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("closing embedded broker", e);
        }
        deleteTree(home);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete the embedded broker's folder {}: {}", root, e.toString());
        }
    }

    /**
     * QoS 1 messages CE may have in flight to one subscriber (CE default: 50); system property edgedeck.broker.window.
     * As large as the pipeline's biggest commit (IngestPipeline.MAX_BATCH_MESSAGES): a subscriber that acknowledges
     * after its commit gets at most this many messages per commit, and small commits cost more per message (each
     * rewrites a B-tree page per device). bench/ingest 400 k: 1000 → 33 k msgs/s, 2500 → 40 k, 5000 → 42 k, 10000 → 41 k.
     */
    static final int DELIVERY_WINDOW = Integer.getInteger("edgedeck.broker.window", 5000);

    /**
     * HiveMQ CE delivers at most 50 QoS 1 messages per subscriber before it waits for their acknowledgements, which
     * caps a subscriber that acknowledges after a database commit at a few thousand messages per second. CE has no
     * setting for it; its internal (static, JVM-wide) values are raised here. Harmless if CE renames them.
     */
    private static void widenDeliveryWindow() {
        try {
            Class<?> c = Class.forName("com.hivemq.configuration.service.InternalConfigurations");
            for (String f : new String[]{"MAX_INFLIGHT_WINDOW_SIZE_MESSAGES", "PUBLISH_POLL_BATCH_SIZE"}) {
                var field = c.getField(f);
                if (field.getInt(null) < DELIVERY_WINDOW) field.setInt(null, DELIVERY_WINDOW);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.debug("could not widen HiveMQ's delivery window", e);
        }
    }

    /**
     * Sets the {@code com.hivemq} logger to WARN when logback is the backend and that logger has no level of its own
     * (reflection: logback is only a runtime dependency here).
     */
    private static void quietHiveMqLogging() {
        try {
            Object factory = LoggerFactory.getILoggerFactory();
            if (!factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) return;
            ClassLoader cl = factory.getClass().getClassLoader();
            Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true, cl);
            Object warn = levelClass.getField("WARN").get(null);
            for (String name : new String[]{"com.hivemq", "oshi", "org.jboss.logging"}) {
                Object logger = factory.getClass().getMethod("getLogger", String.class).invoke(factory, name);
                Object level = logger.getClass().getMethod("getLevel").invoke(logger);
                if (level == null) {
                    logger.getClass().getMethod("setLevel", levelClass).invoke(logger, warn);
                }
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.debug("could not adjust HiveMQ log level", e);
        }
    }
}
