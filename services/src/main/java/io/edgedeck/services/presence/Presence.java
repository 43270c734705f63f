package io.edgedeck.services.presence;

import java.time.Duration;

/**
 * Whether a device is there, when it was last heard and, when it is offline, why: it said so (its MQTT Last Will or an
 * availability topic such as Tasmota's LWT or ESPHome's status), or it has been silent for many times its usual
 * interval. The one rule the console's screens and the CLI's device list share; pure, no clock of its own.
 *
 * @param state          online, stale or offline
 * @param reason         why offline ({@link Reason#NONE} while online or stale)
 * @param lastSeenMillis wall time of its newest message, 0 = never
 * @param nowMillis      the time the answer is for
 * @param intervalMillis its usual interval between readings, NaN while unknown
 */
public record Presence(State state, Reason reason, long lastSeenMillis, long nowMillis, double intervalMillis) {
    /** Silence after which an online device is shown as stale (or 3 of its intervals, if longer). */
    public static final Duration STALE_AFTER = Duration.ofSeconds(10);
    /** Silence, in a device's own usual intervals, after which it counts as offline although no Last Will came. */
    public static final int OFFLINE_AFTER_INTERVALS = 10;
    /** ... and never before this much silence. */
    public static final Duration OFFLINE_AFTER_AT_LEAST = Duration.ofSeconds(60);

    public enum State { ONLINE, STALE, OFFLINE }

    public enum Reason {
        NONE(""),
        /** Its Last Will or availability topic said offline (or it never said online). */
        ANNOUNCED("announced"),
        /** Silent for {@link #OFFLINE_AFTER_INTERVALS} of its usual intervals. */
        SILENT("silent"),
        /** Known (e.g. from discovery) but never heard from. */
        NEVER_SEEN("never seen");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** "announced", "silent", "never seen"; "" for none. */
        public String label() {
            return label;
        }
    }

    /**
     * @param announcedOnline what the device (or its broker, through the Last Will) last announced
     * @param staleAfter      silence after which an online device is stale (at least 3 of its intervals)
     */
    public static Presence of(boolean announcedOnline, long lastSeenMillis, double intervalMillis, long nowMillis,
                              Duration staleAfter) {
        long silent = nowMillis - lastSeenMillis;
        boolean known = !Double.isNaN(intervalMillis);
        long stale = known ? Math.max(staleAfter.toMillis(), Math.round(3 * intervalMillis)) : staleAfter.toMillis();
        boolean gone = known && lastSeenMillis > 0 && silent > Math.max(OFFLINE_AFTER_AT_LEAST.toMillis(),
                Math.round(OFFLINE_AFTER_INTERVALS * intervalMillis));
        if (lastSeenMillis <= 0 && !announcedOnline) {
            return new Presence(State.OFFLINE, Reason.NEVER_SEEN, lastSeenMillis, nowMillis, intervalMillis);
        }
        if (!announcedOnline) {
            return new Presence(State.OFFLINE, Reason.ANNOUNCED, lastSeenMillis, nowMillis, intervalMillis);
        }
        if (gone) {
            return new Presence(State.OFFLINE, Reason.SILENT, lastSeenMillis, nowMillis, intervalMillis);
        }
        State s = lastSeenMillis > 0 && silent > stale ? State.STALE : State.ONLINE;
        return new Presence(s, Reason.NONE, lastSeenMillis, nowMillis, intervalMillis);
    }

    /** "3 s ago", "never". */
    public String lastHeard() {
        return age(lastSeenMillis, nowMillis);
    }

    /**
     * The whole story in one line, for tooltips, pickers and the CLI: "online · last heard 3 s ago",
     * "stale · last heard 14 s ago, usually every 1 s", "offline: announced (Last Will or availability topic) · last
     * heard 5 min ago", "offline: silent for 2 min, usually every 1 s", "never heard from".
     */
    public String summary() {
        String usually = Double.isNaN(intervalMillis) ? "" : ", usually every " + interval((long) intervalMillis);
        return switch (reason) {
            case NEVER_SEEN -> "never heard from";
            case ANNOUNCED -> "offline: announced (Last Will or availability topic)"
                    + (lastSeenMillis > 0 ? " · last heard " + lastHeard() : "");
            case SILENT -> "offline: silent for " + interval(nowMillis - lastSeenMillis) + usually;
            case NONE -> state == State.STALE ? "stale · last heard " + lastHeard() + usually
                    : "online · last heard " + lastHeard();
        };
    }

    /** "just now", "3 s ago", "4 min ago", "2 h ago", "5 d ago"; "never" for a time of 0 or less. */
    public static String age(long thenMillis, long nowMillis) {
        if (thenMillis <= 0) {
            return "never";
        }
        long s = Math.max(0, (nowMillis - thenMillis) / 1000);
        return s < 1 ? "just now" : interval(s * 1000) + " ago";
    }

    /** A span as people say it: "0.5 s", "3 s", "4 min", "2 h", "5 d" (rounded down past a second). */
    public static String interval(long millis) {
        if (millis < 1000) {
            return millis <= 0 ? "0 s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min" : s < 86_400 ? s / 3600 + " h" : s / 86_400 + " d";
    }
}
