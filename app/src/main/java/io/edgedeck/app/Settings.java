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
 * @param slackWebhookUrl a Slack incoming-webhook address that alarms are posted to; null for none. A secret: never
 *                    logged in full
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile, UiSettings ui,
                       String slackWebhookUrl) {
    /** Without a Slack target. */
    public Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile, UiSettings ui) {
        this(brokerUrl, mqttVersion, clientId, mappingFile, ui, null);
    }

    /** Default look and layout. */
    public Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile, String slackWebhookUrl) {
        this(brokerUrl, mqttVersion, clientId, mappingFile, null, slackWebhookUrl);
    }

    public Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile) {
        this(brokerUrl, mqttVersion, clientId, mappingFile, null, null);
    }

    public static Settings embeddedDefault() {
        return new Settings(null, null, null, null, null, null);
    }

    @Override
    public String toString() { // the webhook address is a secret
        return "Settings[brokerUrl=" + brokerUrl + ", mqttVersion=" + mqttVersion + ", clientId=" + clientId
                + ", mappingFile=" + mappingFile + ", slackWebhookUrl=" + (slackWebhookUrl == null ? "none" : "(set)") + "]";
    }

    /** The console's look and layout (defaults when none were saved). */
    public UiSettings uiOrDefaults() {
        return ui == null ? UiSettings.defaults() : ui;
    }

    public Settings withUi(UiSettings newUi) {
        return new Settings(brokerUrl, mqttVersion, clientId, mappingFile, newUi, slackWebhookUrl);
    }

    public boolean usesEmbeddedBroker() {
        return brokerUrl == null || brokerUrl.isBlank();
    }
}
