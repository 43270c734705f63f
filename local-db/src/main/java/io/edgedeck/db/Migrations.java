package io.edgedeck.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the schema to the newest version with Flyway (scripts in {@code db/migration} on the class path). */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    static void migrate(String url, String where) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(url, StoreConnections.USER, StoreConnections.PASSWORD)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Database {} migrated to schema version {} ({} migration(s))", where, result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }
}
