-- Device keys, topics and reasons come from the network: a too-long one must not make a whole commit fail.
-- (H2's VARCHAR without a length holds up to 1,000,000 characters; payloads are cut to fit in the writer.)
ALTER TABLE device ALTER COLUMN device_key SET DATA TYPE VARCHAR;
ALTER TABLE quarantine ALTER COLUMN topic SET DATA TYPE VARCHAR;
ALTER TABLE quarantine ALTER COLUMN reason SET DATA TYPE VARCHAR;
