package io.edgedeck.services;

import java.util.Optional;

/**
 * Told when the operator signed in on this console changes (sign-in, sign-out, first operator created). Called on the
 * thread that made the change, after it happened; a UI moves it to its own thread (JavaFX: {@code Platform.runLater}).
 */
@FunctionalInterface
public interface SessionListener {
    /** @param now who is signed in now; empty after sign-out */
    void sessionChanged(Optional<SignedIn> now);
}
