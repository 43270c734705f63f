package io.edgedeck.app.console;

import io.edgedeck.app.Settings;
import io.edgedeck.services.profiles.ProfileStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The profiles that were connected as well when the console last closed (settings.json {@code alsoConnected}), as
 * connections to bring up again; a profile that is gone or unusable is left out and said why.
 */
record RememberedConnections(List<ConsoleConnection> connections, List<String> problems) {

    static RememberedConnections of(Settings settings, ProfileStore profiles, String defaultClientId) {
        var connections = new ArrayList<ConsoleConnection>();
        var problems = new ArrayList<String>();
        for (String name : settings.alsoConnectedOrNone()) {
            try {
                var profile = profiles.find(name);
                if (profile.isEmpty()) {
                    problems.add("The profile '" + name + "' was connected last time, but it is gone from "
                            + profiles.file());
                } else {
                    connections.add(ConsoleConnection.of(profile.get(), defaultClientId));
                }
            } catch (RuntimeException e) {
                problems.add("The profile '" + name + "' cannot be connected again: " + e.getMessage());
            }
        }
        return new RememberedConnections(List.copyOf(connections), List.copyOf(problems));
    }
}
