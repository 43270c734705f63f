package io.edgedeck.db;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Streams a device's readings as CSV straight from the result set (constant memory, any number of rows). */
final class CsvExport {
    static final String HEADER;

    static {
        StringBuilder h = new StringBuilder("time,device");
        for (Metric m : Metric.values()) {
            h.append(',').append(m.key());
        }
        HEADER = h.toString();
    }

    private CsvExport() {
    }

    static long write(Connection c, int device, String deviceKey, long from, long to, Writer out)
            throws SQLException, IOException {
        out.write(HEADER);
        out.write('\n');
        if (device < 0) {
            out.flush();
            return 0;
        }
        String keyField = field(deviceKey);
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT ts, " + ReadingRows.METRIC_COLUMNS
                + " FROM reading WHERE k >= ? AND k < ? ORDER BY k")) {
            ps.setFetchSize(1000);
            ps.setLong(1, ReadingKey.lower(device, from));
            ps.setLong(2, ReadingKey.lower(device, to));
            try (ResultSet rs = ps.executeQuery()) {
                StringBuilder line = new StringBuilder(128);
                while (rs.next()) {
                    line.setLength(0);
                    line.append(Times.iso(rs.getLong(1))).append(',').append(keyField);
                    for (int i = 0; i < Metric.values().length; i++) {
                        line.append(',');
                        double v = rs.getDouble(2 + i);
                        if (!rs.wasNull()) {
                            line.append(number(v));
                        }
                    }
                    line.append('\n');
                    out.append(line);
                    rows++;
                }
            }
        }
        out.flush();
        return rows;
    }

    /** Plain decimal notation without needless zeros: 230.4, 100, 0.00001 (never 1.0E-5). */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A CSV field, quoted when it contains a separator, quote or line break (RFC 4180). */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
