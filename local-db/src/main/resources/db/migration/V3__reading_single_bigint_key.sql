-- The reading table's primary key becomes one BIGINT k = device << 43 | ts (see io.edgedeck.db.ReadingKey: device id
-- in bits 62..43, up to 1,048,575; epoch milliseconds in bits 42..0, 1970 .. 2248). A single BIGINT primary key is
-- H2's row key itself, so each reading is one entry in one B-tree; the composite (device, ts) key needed the row map
-- (keyed by a hidden row id) plus a separate index. device and ts stay as plain columns for the queries.
DROP TABLE IF EXISTS reading_v3; -- left by an earlier attempt that failed
CREATE TABLE reading_v3 (
    k           BIGINT  NOT NULL,
    device      INT     NOT NULL,
    ts          BIGINT  NOT NULL,
    voltage     DOUBLE PRECISION,
    current     DOUBLE PRECISION,
    power       DOUBLE PRECISION,
    energy      DOUBLE PRECISION,
    relay       DOUBLE PRECISION,
    temperature DOUBLE PRECISION,
    humidity    DOUBLE PRECISION,
    CONSTRAINT reading_v3_pk PRIMARY KEY (k),
    -- only while copying: a row the key cannot encode makes the migration fail instead of colliding
    CONSTRAINT reading_v3_encodable CHECK (device BETWEEN 0 AND 1048575 AND ts BETWEEN 0 AND 8796093022207)
);

INSERT INTO reading_v3 (k, device, ts, voltage, current, power, energy, relay, temperature, humidity)
SELECT BITOR(LSHIFT(CAST(device AS BIGINT), 43), ts), device, ts,
       voltage, current, power, energy, relay, temperature, humidity
FROM reading ORDER BY device, ts;

ALTER TABLE reading_v3 DROP CONSTRAINT reading_v3_encodable;
DROP TABLE reading;
ALTER TABLE reading_v3 RENAME TO reading;
ALTER TABLE reading RENAME CONSTRAINT reading_v3_pk TO reading_pk;
