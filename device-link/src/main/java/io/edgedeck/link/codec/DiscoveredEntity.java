package io.edgedeck.link.codec;

import io.edgedeck.db.Metric;

import java.util.List;
import java.util.Map;

/**
 * One Home Assistant discovery config EdgeDeck understood: which device, on which topic its value arrives and how to
 * read it, and where the device announces its availability.
 *
 * @param configTopic       the discovery topic it came from (removing it removes the entity)
 * @param deviceId          the EdgeDeck device id (node id, else device identifier, else device name, else object id)
 * @param name              the entity's name, for messages
 * @param stateTopic        where the values arrive
 * @param path              the JSON path of {@code {{ value_json.a.b }}} ({@code [a, b]}), empty for a bare value
 * @param metric            what the value is ({@link Metric#RELAY} for a switch)
 * @param unit              the unit of the values, null for EdgeDeck's own
 * @param stateWords        for a switch read as a bare value: its on/off payloads
 * @param availabilityTopic where the device says online/offline, or null
 * @param availabilityWords the payloads meaning available (true) and not available (false)
 */
record DiscoveredEntity(String configTopic, String deviceId, String name, String stateTopic, List<String> path,
                        Metric metric, String unit, Map<String, Boolean> stateWords, String availabilityTopic,
                        Map<String, Boolean> availabilityWords) {
    DiscoveredEntity {
        path = List.copyOf(path);
        stateWords = Map.copyOf(stateWords);
        availabilityWords = Map.copyOf(availabilityWords);
    }

    boolean readsJson() {
        return !path.isEmpty();
    }

    String describe() {
        return metric.key() + " of " + deviceId + (name == null || name.isBlank() ? "" : " (\"" + name + "\")")
                + " on " + stateTopic;
    }
}
