package io.edgedeck.views.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs work off the FX thread and hands the result back on it. Production uses the app's background executor and
 * {@code Platform::runLater}; tests use {@link #direct()} (everything on the calling thread) or executors they drive.
 */
public final class Tasks {
    private static final Logger LOG = LoggerFactory.getLogger(Tasks.class);

    private final Executor background;
    private final Executor fx;

    public Tasks(Executor background, Executor fx) {
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** Background work and results both on the calling thread: deterministic, for tests. */
    public static Tasks direct() {
        return new Tasks(Runnable::run, Runnable::run);
    }

    /** The executor that runs on the FX thread. */
    public Executor fx() {
        return fx;
    }

    /**
     * Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the FX thread. A failure is
     * logged here, once; the handler only shows it.
     */
    public <T> void run(String what, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        try {
            background.execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    LOG.warn("{} failed: {}", what, t.toString(), t);
                    fx.execute(() -> onFailure.accept(t));
                    return;
                }
                fx.execute(() -> onSuccess.accept(result));
            });
        } catch (RejectedExecutionException closing) {
            LOG.debug("{} not run: background executor is shut down", what);
        }
    }

    /** A short message for a person: the exception's own message, or its type when it has none. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && (root.getMessage() == null || root.getMessage().isBlank())) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }
}
