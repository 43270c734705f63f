package io.edgedeck.app.cli;

import io.edgedeck.link.esp32.flash.CancelToken;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl+C during a board operation: cancels between two data blocks and holds the JVM's exit until the operation
 * has ended and released the port (at most 10 s). The process then exits with 130 (128 + SIGINT).
 */
final class CancelOnInterrupt implements AutoCloseable {
    final CancelToken token = new CancelToken();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    CancelOnInterrupt(PrintWriter err) {
        hook = new Thread(() -> {
            token.cancel();
            err.println();
            err.println("edgedeck: cancelling: stopping after the current block and releasing the port...");
            err.flush();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "edgedeck-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it only waited for us
        }
    }
}
