package io.edgedeck.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the user configured. A missing broker means the embedded default: built-in broker and simulated fleet.
 *
 * @param brokerUrl   e.g. {@code tcp://broker.local:1883}; null for the embedded default
 * @param mqttVersion "5" or "3"; null for 5
 * @param clientId    stable client id for the persistent session; null for one derived from the host name
 * @param mappingFile an extra topic-mapping file (JSON) used before the built-in rules; null for none
 * @param ui          the console's theme, text zoom and window layout; null for the defaults
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile, UiSettings ui) {
    public Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile) {
        this(brokerUrl, mqttVersion, clientId, mappingFile, null);
    }

    public static Settings embeddedDefault() {
        return new Settings(null, null, null, null);
    }

    /** The console's look and layout (defaults when none were saved). */
    public UiSettings uiOrDefaults() {
        return ui == null ? UiSettings.defaults() : ui;
    }

    public Settings withUi(UiSettings newUi) {
        return new Settings(brokerUrl, mqttVersion, clientId, mappingFile, newUi);
    }

    public boolean usesEmbeddedBroker() {
        return brokerUrl == null || brokerUrl.isBlank();
    }
}
