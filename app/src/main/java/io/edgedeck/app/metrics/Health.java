package io.edgedeck.app.metrics;

import io.edgedeck.link.mqtt.LinkState;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A collector's health: healthy while connected to the broker and storing works.
 *
 * @param lastCommitMillis wall time of the last commit, 0 if none
 * @param lagMillis        at the last commit, how old its newest reading was (publish-to-commit); -1 before any
 * @param queued           messages received and not yet committed
 * @param storeProblem     the last commit error while commits fail, null when storing works
 */
public record Health(LinkState state, long lastCommitMillis, long lagMillis, int queued, String storeProblem,
                     long nowMillis) {
    public boolean healthy() {
        return state == LinkState.CONNECTED && storeProblem == null;
    }

    /** The JSON fields, in order. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", healthy() ? "ok" : "unhealthy");
        m.put("connected", state == LinkState.CONNECTED);
        m.put("state", state.name().toLowerCase(Locale.ROOT));
        m.put("lastCommit", lastCommitMillis > 0 ? Instant.ofEpochMilli(lastCommitMillis).toString() : null);
        m.put("lastCommitAgeSeconds", lastCommitMillis > 0 ? (nowMillis - lastCommitMillis) / 1000.0 : null);
        m.put("lagSeconds", lagMillis >= 0 ? lagMillis / 1000.0 : null);
        m.put("queued", queued);
        m.put("storeProblem", storeProblem);
        return m;
    }
}
