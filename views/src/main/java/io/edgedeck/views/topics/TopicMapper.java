package io.edgedeck.views.topics;

import io.edgedeck.link.codec.MappingRule;

import java.util.concurrent.CompletableFuture;

/**
 * Saves a rule made in the explorer into the connection's mapping file and applies it to the running connection (the
 * app knows where the file is and how to reconnect). Completes with a sentence for the user ("Saved to …").
 */
@FunctionalInterface
public interface TopicMapper {
    CompletableFuture<String> map(String connection, MappingRule rule);

    /** A window without a connection to change (tests, screens without an app): says so. */
    static TopicMapper unavailable() {
        return (c, r) -> CompletableFuture.failedFuture(new IllegalStateException(
                "this window cannot change the connection's mapping"));
    }
}
