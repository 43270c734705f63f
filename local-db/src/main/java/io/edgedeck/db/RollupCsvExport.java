package io.edgedeck.db;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Streams a device's rollup rows as CSV: one row per bucket that has readings, oldest first. Columns: {@code time}
 * (bucket start), {@code device}, {@code resolution}, {@code readings}, then per metric {@code _min, _max, _mean,
 * _count} (empty where the bucket has none of it), then {@code energy_counter_kwh} and {@code energy_integrated_kwh}
 * (the bucket's energy from the plug's counter and from integrated power; see {@link EnergyIntervals}).
 */
final class RollupCsvExport {
    static final String HEADER;

    static {
        StringBuilder h = new StringBuilder("time,device,resolution,readings");
        for (Metric m : Metric.values()) {
            h.append(',').append(m.key()).append("_min,").append(m.key()).append("_max,")
                    .append(m.key()).append("_mean,").append(m.key()).append("_count");
        }
        h.append(",energy_counter_kwh,energy_integrated_kwh");
        HEADER = h.toString();
    }

    private RollupCsvExport() {
    }

    static long write(Connection c, Resolution r, int device, String deviceKey, long from, long to, Writer out)
            throws SQLException, IOException {
        out.write(HEADER);
        out.write('\n');
        if (device < 0) {
            out.flush();
            return 0;
        }
        String keyField = CsvExport.field(deviceKey);
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RollupRows.COLUMNS + " FROM " + r.table()
                + " WHERE k >= ? AND k < ? ORDER BY k")) {
            ps.setFetchSize(1000);
            ps.setLong(1, ReadingKey.lower(device, r.bucketStart(from)));
            ps.setLong(2, ReadingKey.lower(device, to));
            try (ResultSet rs = ps.executeQuery()) {
                StringBuilder line = new StringBuilder(512);
                while (rs.next()) {
                    RollupBucket b = RollupRows.read(rs);
                    if (b.readings == 0) {
                        continue;
                    }
                    line.setLength(0);
                    line.append(Times.iso(b.bucket)).append(',').append(keyField).append(',').append(r.label())
                            .append(',').append(b.readings);
                    for (int m = 0; m < RollupBucket.METRICS; m++) {
                        if (b.count[m] > 0) {
                            line.append(',').append(CsvExport.number(b.min[m]))
                                    .append(',').append(CsvExport.number(b.max[m]))
                                    .append(',').append(CsvExport.number(b.sum[m] / b.count[m]))
                                    .append(',').append(b.count[m]);
                        } else {
                            line.append(",,,,0");
                        }
                    }
                    line.append(',').append(b.counterMs > 0 ? CsvExport.number(b.counterKwh) : "")
                            .append(',').append(b.integratedMs > 0 ? CsvExport.number(b.integratedKwh) : "")
                            .append('\n');
                    out.append(line);
                    rows++;
                }
            }
        }
        out.flush();
        return rows;
    }
}
