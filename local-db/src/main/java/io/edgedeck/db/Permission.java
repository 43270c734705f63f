package io.edgedeck.db;

/** Things an operator may or may not do; {@link AccessPolicy} decides. */
public enum Permission {
    SEND_COMMAND("send commands to devices", "Admin and Technician"),
    MANAGE_OPERATORS("manage operators", "an Admin"),
    READ_AUDIT("read the audit log", "Admin and Auditor"),
    ACKNOWLEDGE_ALARMS("acknowledge alarms", "Admin and Technician"),
    EDIT_ALERT_RULES("edit alert rules", "Admin and Technician");

    private final String doing;
    private final String who;

    Permission(String doing, String who) {
        this.doing = doing;
        this.who = who;
    }

    /** "send commands to devices" */
    public String doing() {
        return doing;
    }

    /** "Admin and Technician": who may. */
    public String allowedRoles() {
        return who;
    }
}
