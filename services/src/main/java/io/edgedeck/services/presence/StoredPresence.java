package io.edgedeck.services.presence;

import io.edgedeck.db.DeviceRecord;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Reading;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link Presence} of every device a database knows, for a process that does not watch the fleet live (the CLI):
 * the registry's last announcement and last-seen time, and each device's usual interval estimated from its raw
 * readings of the few minutes before it was last heard (the median gap, so one silence does not count).
 */
public final class StoredPresence {
    /** How far back from its last message a device's readings are read to learn its interval. */
    static final Duration LEARN_WINDOW = Duration.ofMinutes(3);

    private StoredPresence() {
    }

    /** A device with its presence at the time asked for. */
    public record Entry(DeviceRecord device, Presence presence) {
    }

    /** Every device of {@code store}, by id, as it stands at {@code clock}'s now. */
    public static List<Entry> of(LocalStore store, Clock clock) {
        long now = clock.millis();
        var out = new ArrayList<Entry>();
        for (DeviceRecord d : store.devices().all()) {
            long seen = d.lastSeen() == null ? 0 : d.lastSeen().toEpochMilli();
            double interval = seen == 0 ? Double.NaN
                    : medianGap(store.readings().raw(d.id(), d.lastSeen().minus(LEARN_WINDOW), d.lastSeen().plusMillis(1)));
            out.add(new Entry(d, Presence.of(d.online(), seen, interval, now, Presence.STALE_AFTER)));
        }
        out.sort((a, b) -> a.device().id().compareTo(b.device().id()));
        return out;
    }

    /** The median gap between consecutive readings (NaN with fewer than two). */
    static double medianGap(List<Reading> readings) {
        if (readings.size() < 2) {
            return Double.NaN;
        }
        long[] gaps = new long[readings.size() - 1];
        for (int i = 1; i < readings.size(); i++) {
            gaps[i - 1] = readings.get(i).epochMillis() - readings.get(i - 1).epochMillis();
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }
}
