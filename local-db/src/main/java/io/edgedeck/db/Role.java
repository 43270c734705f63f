package io.edgedeck.db;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an operator may do on this console. Admin manages operators, keys and trust; Technician controls devices;
 * Viewer only looks; Auditor reads the audit log. The rules live here and in {@link AccessPolicy}, nowhere else.
 */
public enum Role {
    ADMIN("Admin"),
    TECHNICIAN("Technician"),
    VIEWER("Viewer"),
    AUDITOR("Auditor");

    private final String title;

    Role(String title) {
        this.title = title;
    }

    /** May send relay commands to devices. */
    public boolean mayCommand() {
        return this == ADMIN || this == TECHNICIAN;
    }

    /** May acknowledge alarms (and edit alert rules in the console). */
    public boolean mayAcknowledgeAlarms() {
        return this == ADMIN || this == TECHNICIAN;
    }

    /** May add operators, change their roles, disable them and import their keys. */
    public boolean mayManageOperators() {
        return this == ADMIN;
    }

    /** May browse, export and verify the audit log. */
    public boolean mayReadAudit() {
        return this == ADMIN || this == AUDITOR;
    }

    /** "Admin", "Technician", ... for people. */
    public String title() {
        return title;
    }

    /** "admin", "technician", ... as typed on the command line. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a role name in any case ("technician", "Technician"); a clear message names the known roles. */
    public static Role parse(String text) {
        String t = text == null ? "" : text.strip();
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + t + "' (roles: "
                + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
