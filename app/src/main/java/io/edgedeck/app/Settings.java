package io.edgedeck.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.edgedeck.db.RetentionPolicy;

/**
 * What the user configured. A missing broker means the embedded default: built-in broker and simulated fleet.
 *
 * @param brokerUrl   e.g. {@code tcp://broker.local:1883}; null for the embedded default
 * @param mqttVersion "5" or "3"; null for 5
 * @param clientId    stable client id for the persistent session; null for one derived from the host name
 * @param mappingFile an extra topic-mapping file (JSON) used before the built-in rules; null for none
 * @param retention   how long history is kept per resolution, e.g. {@code raw=7d,1m=30d,1h=1y,1d=5y} (tiers left
 *                    out keep their default); null for the defaults
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile, String retention) {
    public Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile) {
        this(brokerUrl, mqttVersion, clientId, mappingFile, null);
    }

    public static Settings embeddedDefault() {
        return new Settings(null, null, null, null, null);
    }

    /**
     * The retention policy configured ({@link RetentionPolicy#DEFAULT} when none).
     *
     * @throws IllegalArgumentException with a message naming the settings key when it is not a valid policy
     */
    public RetentionPolicy retentionPolicy() {
        if (retention == null || retention.isBlank()) {
            return RetentionPolicy.DEFAULT;
        }
        try {
            return RetentionPolicy.parse(retention);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Setting \"retention\" in settings.json: " + e.getMessage(), e);
        }
    }

    public boolean usesEmbeddedBroker() {
        return brokerUrl == null || brokerUrl.isBlank();
    }
}
