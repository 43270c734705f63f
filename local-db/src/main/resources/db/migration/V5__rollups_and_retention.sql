-- Rollups (1 minute, 1 hour, 1 day per device) and retention state. See docs/decisions/0006 and local-db/README.md.
-- Times are epoch milliseconds (UTC). A rollup row's key is k = device << 43 | bucket (as reading.k, ReadingKey), so a
-- device's buckets in a time range are one key range. Per metric: minimum and maximum with the time of the reading
-- that had them, sum and count (mean = sum / count). Energy per bucket: counter_kwh (deltas of the plug's energy
-- counter, each delta in the bucket of the later reading) and integrated_kwh (power integrated over the gaps between
-- readings of at most 10 minutes, each in the bucket of the earlier reading; integrated_ms says how much time that covered).
-- The writer maintains these in the same transaction as the raw readings (TelemetryWriter, RollupUpdater).

CREATE TABLE rollup_1m (
    k              BIGINT NOT NULL,
    device         INT    NOT NULL,
    bucket         BIGINT NOT NULL,
    readings       BIGINT NOT NULL,
    voltage_min DOUBLE PRECISION, voltage_min_ts BIGINT, voltage_max DOUBLE PRECISION, voltage_max_ts BIGINT, voltage_sum DOUBLE PRECISION, voltage_count BIGINT NOT NULL,
    current_min DOUBLE PRECISION, current_min_ts BIGINT, current_max DOUBLE PRECISION, current_max_ts BIGINT, current_sum DOUBLE PRECISION, current_count BIGINT NOT NULL,
    power_min DOUBLE PRECISION, power_min_ts BIGINT, power_max DOUBLE PRECISION, power_max_ts BIGINT, power_sum DOUBLE PRECISION, power_count BIGINT NOT NULL,
    energy_min DOUBLE PRECISION, energy_min_ts BIGINT, energy_max DOUBLE PRECISION, energy_max_ts BIGINT, energy_sum DOUBLE PRECISION, energy_count BIGINT NOT NULL,
    relay_min DOUBLE PRECISION, relay_min_ts BIGINT, relay_max DOUBLE PRECISION, relay_max_ts BIGINT, relay_sum DOUBLE PRECISION, relay_count BIGINT NOT NULL,
    temperature_min DOUBLE PRECISION, temperature_min_ts BIGINT, temperature_max DOUBLE PRECISION, temperature_max_ts BIGINT, temperature_sum DOUBLE PRECISION, temperature_count BIGINT NOT NULL,
    humidity_min DOUBLE PRECISION, humidity_min_ts BIGINT, humidity_max DOUBLE PRECISION, humidity_max_ts BIGINT, humidity_sum DOUBLE PRECISION, humidity_count BIGINT NOT NULL,
    counter_kwh    DOUBLE PRECISION NOT NULL,
    counter_ms     BIGINT NOT NULL,
    integrated_kwh DOUBLE PRECISION NOT NULL,
    integrated_ms  BIGINT NOT NULL,
    CONSTRAINT rollup_1m_pk PRIMARY KEY (k)
);

CREATE TABLE rollup_1h (
    k              BIGINT NOT NULL,
    device         INT    NOT NULL,
    bucket         BIGINT NOT NULL,
    readings       BIGINT NOT NULL,
    voltage_min DOUBLE PRECISION, voltage_min_ts BIGINT, voltage_max DOUBLE PRECISION, voltage_max_ts BIGINT, voltage_sum DOUBLE PRECISION, voltage_count BIGINT NOT NULL,
    current_min DOUBLE PRECISION, current_min_ts BIGINT, current_max DOUBLE PRECISION, current_max_ts BIGINT, current_sum DOUBLE PRECISION, current_count BIGINT NOT NULL,
    power_min DOUBLE PRECISION, power_min_ts BIGINT, power_max DOUBLE PRECISION, power_max_ts BIGINT, power_sum DOUBLE PRECISION, power_count BIGINT NOT NULL,
    energy_min DOUBLE PRECISION, energy_min_ts BIGINT, energy_max DOUBLE PRECISION, energy_max_ts BIGINT, energy_sum DOUBLE PRECISION, energy_count BIGINT NOT NULL,
    relay_min DOUBLE PRECISION, relay_min_ts BIGINT, relay_max DOUBLE PRECISION, relay_max_ts BIGINT, relay_sum DOUBLE PRECISION, relay_count BIGINT NOT NULL,
    temperature_min DOUBLE PRECISION, temperature_min_ts BIGINT, temperature_max DOUBLE PRECISION, temperature_max_ts BIGINT, temperature_sum DOUBLE PRECISION, temperature_count BIGINT NOT NULL,
    humidity_min DOUBLE PRECISION, humidity_min_ts BIGINT, humidity_max DOUBLE PRECISION, humidity_max_ts BIGINT, humidity_sum DOUBLE PRECISION, humidity_count BIGINT NOT NULL,
    counter_kwh    DOUBLE PRECISION NOT NULL,
    counter_ms     BIGINT NOT NULL,
    integrated_kwh DOUBLE PRECISION NOT NULL,
    integrated_ms  BIGINT NOT NULL,
    CONSTRAINT rollup_1h_pk PRIMARY KEY (k)
);

CREATE TABLE rollup_1d (
    k              BIGINT NOT NULL,
    device         INT    NOT NULL,
    bucket         BIGINT NOT NULL,
    readings       BIGINT NOT NULL,
    voltage_min DOUBLE PRECISION, voltage_min_ts BIGINT, voltage_max DOUBLE PRECISION, voltage_max_ts BIGINT, voltage_sum DOUBLE PRECISION, voltage_count BIGINT NOT NULL,
    current_min DOUBLE PRECISION, current_min_ts BIGINT, current_max DOUBLE PRECISION, current_max_ts BIGINT, current_sum DOUBLE PRECISION, current_count BIGINT NOT NULL,
    power_min DOUBLE PRECISION, power_min_ts BIGINT, power_max DOUBLE PRECISION, power_max_ts BIGINT, power_sum DOUBLE PRECISION, power_count BIGINT NOT NULL,
    energy_min DOUBLE PRECISION, energy_min_ts BIGINT, energy_max DOUBLE PRECISION, energy_max_ts BIGINT, energy_sum DOUBLE PRECISION, energy_count BIGINT NOT NULL,
    relay_min DOUBLE PRECISION, relay_min_ts BIGINT, relay_max DOUBLE PRECISION, relay_max_ts BIGINT, relay_sum DOUBLE PRECISION, relay_count BIGINT NOT NULL,
    temperature_min DOUBLE PRECISION, temperature_min_ts BIGINT, temperature_max DOUBLE PRECISION, temperature_max_ts BIGINT, temperature_sum DOUBLE PRECISION, temperature_count BIGINT NOT NULL,
    humidity_min DOUBLE PRECISION, humidity_min_ts BIGINT, humidity_max DOUBLE PRECISION, humidity_max_ts BIGINT, humidity_sum DOUBLE PRECISION, humidity_count BIGINT NOT NULL,
    counter_kwh    DOUBLE PRECISION NOT NULL,
    counter_ms     BIGINT NOT NULL,
    integrated_kwh DOUBLE PRECISION NOT NULL,
    integrated_ms  BIGINT NOT NULL,
    CONSTRAINT rollup_1d_pk PRIMARY KEY (k)
);

-- name -> value: '<tier>_purged_before' (everything of that tier before this time has been deleted by retention; raw,
-- rollup_1m, rollup_1h, rollup_1d), 'rollups_built' (0 until the rollups of readings stored before V5 were computed,
-- which LocalStore does at the first open after this migration).
CREATE TABLE history_state (
    name  VARCHAR(64) NOT NULL PRIMARY KEY,
    val   BIGINT      NOT NULL
);
INSERT INTO history_state (name, val) VALUES ('raw_purged_before', 0), ('rollup_1m_purged_before', 0),
    ('rollup_1h_purged_before', 0), ('rollup_1d_purged_before', 0), ('rollups_built', 0);
