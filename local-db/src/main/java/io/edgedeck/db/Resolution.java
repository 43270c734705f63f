package io.edgedeck.db;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The resolutions history is kept at: every reading ({@link #RAW}) and per-device rollups over 1-minute, 1-hour and
 * 1-day buckets (UTC; a bucket starts at a multiple of its width since the epoch).
 */
public enum Resolution {
    RAW("raw", 0, "reading"),
    MINUTE("1m", 60_000L, "rollup_1m"),
    HOUR("1h", 3_600_000L, "rollup_1h"),
    DAY("1d", 86_400_000L, "rollup_1d");

    /** The rollup resolutions, finest first. */
    public static final List<Resolution> ROLLUPS = List.of(MINUTE, HOUR, DAY);

    private final String label;
    private final long bucketMillis;
    private final String table;

    Resolution(String label, long bucketMillis, String table) {
        this.label = label;
        this.bucketMillis = bucketMillis;
        this.table = table;
    }

    /** raw, 1m, 1h or 1d (as on the command line and in CSV). */
    public String label() {
        return label;
    }

    /** Bucket width in milliseconds; 0 for {@link #RAW}. */
    public long bucketMillis() {
        return bucketMillis;
    }

    /** The start of the bucket holding {@code ts} (for RAW: {@code ts} itself). */
    public long bucketStart(long ts) {
        return this == RAW ? ts : Math.floorDiv(ts, bucketMillis) * bucketMillis;
    }

    String table() {
        return table;
    }

    /** The name under which its purge watermark is kept in {@code history_state}. */
    String purgedKey() {
        return this == RAW ? "raw_purged_before" : table + "_purged_before";
    }

    /** The resolution for a label: raw, 1m, 1h, 1d (case ignored). */
    public static Optional<Resolution> fromLabel(String label) {
        String l = label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.label.equals(l)).findFirst();
    }
}
