-- Covering indexes on the 1-minute rollups, one per metric: key, min, its time, max, its time. A 30-day chart reads
-- 43,200 buckets of one metric; through these it reads five narrow values per bucket instead of the whole 46-column
-- row (HistoryQuery uses them with USE INDEX). The 1-hour and 1-day tables are read in far fewer rows and go without.
CREATE INDEX rollup_1m_voltage ON rollup_1m (k, voltage_min, voltage_min_ts, voltage_max, voltage_max_ts);
CREATE INDEX rollup_1m_current ON rollup_1m (k, current_min, current_min_ts, current_max, current_max_ts);
CREATE INDEX rollup_1m_power ON rollup_1m (k, power_min, power_min_ts, power_max, power_max_ts);
CREATE INDEX rollup_1m_energy ON rollup_1m (k, energy_min, energy_min_ts, energy_max, energy_max_ts);
CREATE INDEX rollup_1m_relay ON rollup_1m (k, relay_min, relay_min_ts, relay_max, relay_max_ts);
CREATE INDEX rollup_1m_temperature ON rollup_1m (k, temperature_min, temperature_min_ts, temperature_max, temperature_max_ts);
CREATE INDEX rollup_1m_humidity ON rollup_1m (k, humidity_min, humidity_min_ts, humidity_max, humidity_max_ts);
