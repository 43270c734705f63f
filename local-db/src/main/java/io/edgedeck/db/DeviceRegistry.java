package io.edgedeck.db;

import java.util.List;
import java.util.Optional;

/** The devices seen so far. */
public final class DeviceRegistry {
    /** All devices, ordered by id. */
    public List<DeviceRecord> all() {
        throw new UnsupportedOperationException("TODO local-db");
    }

    public Optional<DeviceRecord> find(String deviceId) {
        throw new UnsupportedOperationException("TODO local-db");
    }
}
