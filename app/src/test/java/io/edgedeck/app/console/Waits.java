package io.edgedeck.app.console;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something a background thread does, in the console tests (polls; fails after 30 s). */
final class Waits {
    private static final Duration LONGEST = Duration.ofSeconds(30);

    private Waits() {
    }

    static void until(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + LONGEST.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("not within " + LONGEST.toSeconds() + " s");
            Thread.sleep(50);
        }
    }
}
