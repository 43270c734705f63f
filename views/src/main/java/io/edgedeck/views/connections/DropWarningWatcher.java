package io.edgedeck.views.connections;

import io.edgedeck.link.mqtt.LinkWarning;
import io.edgedeck.services.links.ConnectionSnapshot;
import io.edgedeck.services.links.LiveConnections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the drop warnings (gaps in a device's series, a session the broker no longer had) that came since the last
 * look, so that each incident is told once. No JavaFX; called about once a second.
 */
public final class DropWarningWatcher {
    /** A warning and the connection it came from. */
    public record Incident(String connection, LinkWarning warning) {
    }

    private final LiveConnections live;
    private final Map<String, Set<LinkWarning>> seen = new HashMap<>();

    public DropWarningWatcher(LiveConnections live) {
        this.live = live;
    }

    /** The warnings not returned before, oldest first per connection. */
    public List<Incident> newIncidents() {
        var out = new ArrayList<Incident>();
        for (ConnectionSnapshot c : live.connections()) {
            if (c.dropWarnings() == 0) continue;
            List<LinkWarning> now = live.dropWarnings(c.name());
            Set<LinkWarning> before = seen.computeIfAbsent(c.name(), n -> new HashSet<>());
            for (LinkWarning w : now) {
                if (!before.contains(w)) out.add(new Incident(c.name(), w));
            }
            before.retainAll(now); // bounded by what the link keeps
            before.addAll(now);
        }
        return out;
    }
}
