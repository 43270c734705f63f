package io.edgedeck.views.connections;

/** One line of a connection log as shown: "2026-11-25 21:03:10", "connecting → connected", "connected to …". */
public record LogRow(String time, String change, String cause) {
}
