package io.edgedeck.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * How the database file is used: its size, how much of it the tables' live pages take, and H2's MVStore figures (fill
 * rate of the file and of its chunks, chunk count) as {@code INFORMATION_SCHEMA.SETTINGS} reports them.
 *
 * @param fileBytes the .mv.db file's size
 * @param liveBytes what the tables take ({@code DISK_SPACE_USED} summed over the schema's tables)
 * @param fillRate percentage of the file's blocks that hold chunks
 * @param chunksFillRate percentage of the chunks' bytes that are live pages
 * @param chunkCount chunks in the file
 */
public record StoreSpace(long fileBytes, long liveBytes, int fillRate, int chunksFillRate, long chunkCount) {

    /** File size over live data (1.0 = no waste); 0 when there is no live data. */
    public double ratio() {
        return liveBytes == 0 ? 0 : (double) fileBytes / liveBytes;
    }

    @Override
    public String toString() {
        return String.format("file %.1f MB, live %.1f MB (×%.2f), fill rate %d %%, chunks fill rate %d %%, %d chunks",
                fileBytes / 1e6, liveBytes / 1e6, ratio(), fillRate, chunksFillRate, chunkCount);
    }

    /** Reads the figures through {@code c} (any connection of the database). */
    static StoreSpace read(Connection c) throws SQLException {
        Map<String, String> info = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME LIKE 'info.%'")) {
            while (rs.next()) {
                info.put(rs.getString(1), rs.getString(2));
            }
        }
        long live = 0;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'");
             PreparedStatement used = c.prepareStatement("CALL DISK_SPACE_USED(?)")) {
            while (rs.next()) {
                used.setString(1, "PUBLIC.\"" + rs.getString(1) + "\"");
                try (ResultSet u = used.executeQuery()) {
                    if (u.next()) {
                        live += u.getLong(1);
                    }
                }
            }
        }
        return new StoreSpace(number(info, "info.FILE_SIZE"), live, (int) number(info, "info.FILL_RATE"),
                (int) number(info, "info.CHUNKS_FILL_RATE"), number(info, "info.CHUNK_COUNT"));
    }

    private static long number(Map<String, String> info, String key) {
        String v = info.get(key);
        return v == null ? 0 : Long.parseLong(v);
    }
}
