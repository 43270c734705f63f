package io.edgedeck.link.mqtt.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to the broker that a test can break: {@link #cut()} resets every relayed connection at once (a broker
 * or NAT reset); {@link #pull()} and {@link #restore()} imitate a pulled network cable — while pulled, nothing passes
 * in either direction and connections are left hanging (only keep-alives notice), new connections get no answer;
 * once restored, the connections that were hanging are dead (both ends gave up on them) and new ones work.
 */
public final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean pulled;

    public CuttableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    sockets.add(in);
                    Thread.ofVirtual().start(() -> relay(in));
                } catch (IOException e) {
                    // closed
                }
            }
        });
    }

    private void relay(Socket in) {
        try {
            waitWhilePulled();
            if (in.isClosed()) return;
            Socket out = new Socket("127.0.0.1", targetPort);
            sockets.add(out);
            pump(in, out);
            pump(out, in);
        } catch (IOException e) {
            closeQuietly(in);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Closes every relayed connection (both ends see a broken connection); new ones are accepted. */
    public void cut() {
        for (Socket s : sockets) closeQuietly(s);
        sockets.clear();
    }

    /** The cable is pulled: nothing passes until {@link #restore()}. */
    public void pull() {
        pulled = true;
    }

    /** The cable is back: the connections that hung meanwhile are dropped, new ones pass. */
    public void restore() {
        cut();
        pulled = false;
    }

    private void waitWhilePulled() {
        while (pulled) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buf = new byte[16 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    waitWhilePulled();
                    if (from.isClosed() || to.isClosed()) break; // cut while pulled: what was read is lost, like a dead link
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
