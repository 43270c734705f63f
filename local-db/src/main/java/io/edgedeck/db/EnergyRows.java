package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the energy columns of a device's hourly or daily rollup rows. */
final class EnergyRows {
    private EnergyRows() {
    }

    static List<EnergyBucket> read(Connection c, Resolution r, int device, long from, long to) throws SQLException {
        String sql = "SELECT bucket, counter_kwh, counter_ms, integrated_kwh, integrated_ms, power_sum, power_count FROM "
                + r.table() + " WHERE k >= ? AND k < ? ORDER BY k";
        List<EnergyBucket> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, ReadingKey.lower(device, r.bucketStart(from)));
            ps.setLong(2, ReadingKey.lower(device, to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long count = rs.getLong(7);
                    double mean = count > 0 ? rs.getDouble(6) / count : Double.NaN;
                    out.add(new EnergyBucket(rs.getLong(1), r.bucketMillis(), rs.getDouble(2), rs.getLong(3),
                            rs.getDouble(4), rs.getLong(5), mean));
                }
            }
        }
        return out;
    }
}
