package io.edgedeck.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The metric columns of the reading table, in {@link Metric} order, and how to read them. */
final class ReadingRows {
    static final String METRIC_COLUMNS;

    static {
        StringBuilder cols = new StringBuilder();
        for (Metric m : Metric.values()) {
            if (!cols.isEmpty()) {
                cols.append(", ");
            }
            cols.append(m.key());
        }
        METRIC_COLUMNS = cols.toString();
    }

    private ReadingRows() {
    }

    /** The metric values starting at column {@code first}; null where absent. */
    static Double[] values(ResultSet rs, int first) throws SQLException {
        Double[] v = new Double[Metric.values().length];
        for (int i = 0; i < v.length; i++) {
            double d = rs.getDouble(first + i);
            v[i] = rs.wasNull() ? null : d;
        }
        return v;
    }
}
