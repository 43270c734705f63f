package io.edgedeck.link.mqtt;

import java.util.List;

/**
 * MQTT shared subscriptions: {@code $share/GROUP/filter}. Every collector subscribing with the same group gets a share
 * of the matching messages (the broker gives each message to one of them), so several collectors split a fleet.
 */
public final class SharedGroup {
    private SharedGroup() {
    }

    /** The group name, checked: not empty, none of {@code / + #}. */
    public static String check(String group) {
        if (group == null || group.isBlank()) throw new IllegalArgumentException("The shared subscription group name is empty");
        if (group.contains("/") || group.contains("+") || group.contains("#")) {
            throw new IllegalArgumentException("The shared subscription group name '" + group
                    + "' must not contain '/', '+' or '#'");
        }
        return group;
    }

    /** Each filter as {@code $share/GROUP/filter}. */
    public static List<String> filters(String group, List<String> filters) {
        String g = check(group);
        return filters.stream().map(f -> "$share/" + g + "/" + f).toList();
    }
}
