package io.edgedeck.db;

import java.nio.file.Path;

/** Test helper run as a separate process: opens a store, says so, and holds it until its input closes. */
public final class HoldStoreOpen {
    private HoldStoreOpen() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalStore store = LocalStore.open(Path.of(args[0]))) {
            System.out.println("open " + store.location());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our input
            }
        }
    }
}
