package io.edgedeck.app.console;

import io.edgedeck.link.codec.MappingRule;
import io.edgedeck.services.profiles.ConnectionProfile;
import io.edgedeck.services.profiles.ProfileStore;
import io.edgedeck.services.topics.TopicMappingFile;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a connection's own topic mapping lives, and adding a rule to it (the explorer's "Map this topic to a
 * device…"): the file the connection already uses; else a new one in the config folder, remembered where that
 * connection's settings live — in its profile ({@code mapping-<name>.json}, profiles.json) for a saved profile, in
 * settings.json ({@code topic-mapping.json}, "mappingFile") for the demo fleet and {@code --broker}.
 */
final class ConnectionMappings {
    static final String DEFAULT_FILE = "topic-mapping.json";

    /** Keeps the settings' mapping file (the console saves settings.json). */
    interface SettingsMapping {
        void remember(Path mappingFile);
    }

    private final ProfileStore profiles;
    private final Path configDir;
    private final SettingsMapping settings;

    ConnectionMappings(ProfileStore profiles, Path configDir, SettingsMapping settings) {
        this.profiles = profiles;
        this.configDir = configDir;
        this.settings = settings;
    }

    /**
     * Adds the rule to the connection's mapping file (creating and remembering one when it has none) and returns the
     * connection with it, to switch to. Blocking (files); throws IllegalArgumentException in words.
     */
    ConsoleConnection addRule(ConsoleConnection current, MappingRule rule) {
        Path file = current.mapping();
        Runnable remember = () -> { };
        if (file == null) {
            Optional<ConnectionProfile> profile = current.demo() ? Optional.empty()
                    : profiles.find(current.name()).filter(p -> !p.demo() && p.name().equals(current.name()));
            if (profile.isPresent()) {
                Path f = configDir.resolve("mapping-" + slug(current.name()) + ".json");
                ConnectionProfile p = profile.get();
                remember = () -> profiles.put(p.toBuilder().mappingFile(f).build(), p.name());
                file = f;
            } else {
                Path f = configDir.resolve(DEFAULT_FILE);
                remember = () -> settings.remember(f);
                file = f;
            }
        }
        TopicMappingFile.addRule(file, rule);
        remember.run();
        return new ConsoleConnection(current.name(), current.demo(), current.settings(), file);
    }

    /** "Shop floor 2" → "shop-floor-2". */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "profile" : s;
    }
}
