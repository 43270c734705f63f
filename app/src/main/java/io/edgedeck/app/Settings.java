package io.edgedeck.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.edgedeck.db.RetentionPolicy;

/**
 * What the user configured. A missing broker means the embedded default: built-in broker and simulated fleet.
 *
 * @param brokerUrl       e.g. {@code tcp://broker.local:1883}; null for the embedded default (or the profile)
 * @param mqttVersion     "5" or "3"; null for 5
 * @param clientId        stable client id for the persistent session; null for one derived from the host name
 * @param mappingFile     an extra topic-mapping file (JSON) used before the built-in rules; null for none
 * @param ui              the console's theme, text zoom and window layout; null for the defaults
 * @param slackWebhookUrl a Slack incoming-webhook address that alarms are posted to; null for none. A secret: never
 *                        logged in full
 * @param profile         the connection profile the console uses (profiles.json), null for none chosen
 * @param firstRunAnswered true once the first start's question (demo fleet or my broker) was answered
 * @param retention       how long history is kept per resolution, e.g. {@code raw=7d,1m=30d,1h=1y,1d=5y} (tiers left
 *                        out keep their default); null for the defaults
 * @param alsoConnected   profiles connected as well as {@code profile} ("Connect as well"), reconnected at the next
 *                        start; null for none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile, UiSettings ui,
                       String slackWebhookUrl, String profile, Boolean firstRunAnswered, String retention,
                       java.util.List<String> alsoConnected) {
    /** Without profiles connected as well. */
    public Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile, UiSettings ui,
                    String slackWebhookUrl, String profile, Boolean firstRunAnswered, String retention) {
        this(brokerUrl, mqttVersion, clientId, mappingFile, ui, slackWebhookUrl, profile, firstRunAnswered, retention, null);
    }

    /** Without a Slack target, profile or first-run answer. */
    public Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile, UiSettings ui) {
        this(brokerUrl, mqttVersion, clientId, mappingFile, ui, null, null, null, null);
    }

    /** Default look and layout. */
    public Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile, String slackWebhookUrl) {
        this(brokerUrl, mqttVersion, clientId, mappingFile, null, slackWebhookUrl, null, null, null);
    }

    /** With a profile and the first-run answer, default look, no Slack. */
    public Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile, String profile,
                    Boolean firstRunAnswered) {
        this(brokerUrl, mqttVersion, clientId, mappingFile, null, null, profile, firstRunAnswered, null);
    }

    public Settings(String brokerUrl, String mqttVersion, String clientId, String mappingFile) {
        this(brokerUrl, mqttVersion, clientId, mappingFile, null, null, null, null, null);
    }

    public static Settings embeddedDefault() {
        return new Settings(null, null, null, null, null, null, null, null, null);
    }

    @Override
    public String toString() { // the webhook address is a secret
        return "Settings[brokerUrl=" + brokerUrl + ", mqttVersion=" + mqttVersion + ", clientId=" + clientId
                + ", mappingFile=" + mappingFile + ", slackWebhookUrl=" + (slackWebhookUrl == null ? "none" : "(set)")
                + ", profile=" + profile + ", firstRunAnswered=" + firstRunAnswered + ", retention=" + retention + ", alsoConnected=" + alsoConnected + "]";
    }

    /** The console's look and layout (defaults when none were saved). */
    public UiSettings uiOrDefaults() {
        return ui == null ? UiSettings.defaults() : ui;
    }

    public Settings withUi(UiSettings newUi) {
        return new Settings(brokerUrl, mqttVersion, clientId, mappingFile, newUi, slackWebhookUrl, profile, firstRunAnswered, retention, alsoConnected);
    }

    /** The Topics tab's "Show broker $SYS topics" changed; the rest of the look stays as it is. */
    public Settings withShowSysTopics(boolean on) {
        return withUi(uiOrDefaults().withShowSysTopics(on));
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

    /** The console switched to this profile: it starts with it next time (a brokerUrl from before profiles gives way). */
    public Settings withProfile(String name) {
        return new Settings(null, mqttVersion, clientId, mappingFile, ui, slackWebhookUrl, name, firstRunAnswered, retention, alsoConnected);
    }

    /** These profiles are connected as well as the primary one; they connect again at the next start. */
    public Settings withAlsoConnected(java.util.List<String> names) {
        return new Settings(brokerUrl, mqttVersion, clientId, mappingFile, ui, slackWebhookUrl, profile, firstRunAnswered,
                retention, names == null || names.isEmpty() ? null : java.util.List.copyOf(names));
    }

    /** The profiles connected as well (empty when none). */
    public java.util.List<String> alsoConnectedOrNone() {
        return alsoConnected == null ? java.util.List.of() : alsoConnected;
    }

    /** The topic mapping file tried before the built-in rules (connections without a profile of their own). */
    public Settings withMappingFile(String file) {
        return new Settings(brokerUrl, mqttVersion, clientId, file, ui, slackWebhookUrl, profile, firstRunAnswered, retention);
    }

    public Settings withFirstRunAnswered() {
        return new Settings(brokerUrl, mqttVersion, clientId, mappingFile, ui, slackWebhookUrl, profile, true, retention, alsoConnected);
    }

    /**
     * Whether the first start's question is due: never answered, and nothing configured that answers it already (a
     * broker or profile in the settings, or {@code --broker} on the command line).
     */
    public boolean firstRunQuestionDue(boolean brokerOnCommandLine) {
        return !Boolean.TRUE.equals(firstRunAnswered) && !brokerOnCommandLine && usesEmbeddedBroker()
                && (profile == null || profile.isBlank());
    }
}
