package io.edgedeck.db;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch says about each device: its kind, the oldest and newest time it was heard of, and whether it is
 * online afterwards. Readings mean online; availability announcements are applied after them, in order, so an
 * explicit "offline" (Last Will) in the same batch as the device's last readings wins.
 */
final class DeviceActivity {
    static final class Device {
        final String key;
        DeviceKind kind;
        long firstSeen = Long.MAX_VALUE;
        long lastSeen = Long.MIN_VALUE;
        boolean online;

        Device(String key, DeviceKind kind) {
            this.key = key;
            this.kind = kind;
        }

        void seen(long ts, DeviceKind k) {
            firstSeen = Math.min(firstSeen, ts);
            lastSeen = Math.max(lastSeen, ts);
            if (kind == DeviceKind.GENERIC && k != DeviceKind.GENERIC) {
                kind = k;
            }
        }
    }

    private DeviceActivity() {
    }

    static Map<String, Device> of(List<ReadingMerger.Row> rows, List<Availability> availability) {
        Map<String, Device> devices = new LinkedHashMap<>();
        for (ReadingMerger.Row r : rows) {
            Device d = devices.computeIfAbsent(r.deviceKey(), k -> new Device(k, r.kind()));
            d.seen(r.ts(), r.kind());
            d.online = true;
        }
        for (Availability a : availability) {
            Device d = devices.computeIfAbsent(a.deviceId(), k -> new Device(k, a.kind()));
            d.seen(a.epochMillis(), a.kind());
            d.online = a.online();
        }
        return devices;
    }
}
