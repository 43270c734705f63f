package io.edgedeck.app.console;

import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.services.profiles.ConnectionProfile;

import java.nio.file.Path;

/**
 * What the console connects to: a broker with its settings, or the demo fleet on the built-in broker.
 *
 * @param name     the profile's name as the status bar shows it ("Shop floor", "Demo fleet (built-in broker)",
 *                 "command line")
 * @param settings how to connect; for the demo fleet, the built-in broker's address (chosen when switching)
 * @param mapping  topic mapping file tried before the built-in rules, or null
 */
record ConsoleConnection(String name, boolean demo, BrokerSettings settings, Path mapping) {

    static ConsoleConnection of(ConnectionProfile profile, String defaultClientId) {
        if (profile.demo()) {
            return demo(defaultClientId, profile.mappingFile());
        }
        return new ConsoleConnection(profile.name(), false, profile.toBrokerSettings(defaultClientId), profile.mappingFile());
    }

    /** The built-in broker on a port chosen when it starts. */
    static ConsoleConnection demo(String clientId, Path mapping) {
        return new ConsoleConnection(ConnectionProfile.DEMO_NAME, true,
                BrokerSettings.of(java.net.URI.create("tcp://127.0.0.1:0"), clientId), mapping);
    }

    TopicMapping topicMapping() {
        return mapping != null ? TopicMapping.loadWithDefaults(mapping) : TopicMapping.defaults();
    }

    /** "Shop floor — broker.local:8883 (TLS)"; "Demo fleet (built-in broker) — 127.0.0.1:40123". */
    String describe(BrokerSettings actual) {
        return name + " — " + actual.host() + ":" + actual.port() + (actual.tls().isPresent() ? " (TLS)" : "");
    }
}
