package io.edgedeck.app.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server with {@code /metrics} (Prometheus text format) and {@code /health} (JSON; 200 when healthy,
 * 503 when not). Listens on all interfaces, like Prometheus exporters do.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final ObjectMapper json = new ObjectMapper();

    private MetricsServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Serves the collector's figures on {@code port} (0: any free port).
     *
     * @throws IllegalArgumentException when the port cannot be used (in use, not allowed)
     */
    public static MetricsServer start(int port, CollectorMetrics metrics) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--metrics-port must be between 0 and 65535, not " + port);
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (BindException e) {
            throw new IllegalArgumentException("Cannot serve metrics on port " + port + ": "
                    + (e.getMessage() == null ? "address in use" : e.getMessage().toLowerCase(java.util.Locale.ROOT)), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot serve metrics on port " + port + ": " + e.getMessage(), e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "edgedeck-metrics-http");
            t.setDaemon(true);
            return t;
        });
        MetricsServer s = new MetricsServer(http, threads);
        http.createContext("/metrics", new MetricsHandler(metrics.registry()));
        http.createContext("/health", exchange -> s.health(exchange, metrics));
        http.setExecutor(threads);
        http.start();
        return s;
    }

    private void health(HttpExchange exchange, CollectorMetrics metrics) throws IOException {
        try (exchange) {
            Health h = metrics.health();
            byte[] body = json.writeValueAsBytes(h.fields());
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(h.healthy() ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The port listened on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
