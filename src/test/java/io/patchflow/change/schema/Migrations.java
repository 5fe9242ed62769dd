package io.patchflow.change.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Patchflow's Flyway migrations as the application runs them (common plus the vendor's folder, history table
 * {@code patchflow_schema_history}), and the versions they define, read from the classpath: a new migration is
 * covered by the upgrade tests without editing them.
 */
final class Migrations {

    private static final Pattern VERSIONED = Pattern.compile("^V([0-9][0-9_.]*)__.*\\.sql$");

    private Migrations() {
    }

    /** Every version of {@code vendor}'s migrations (common and vendor-specific), oldest first. */
    static List<MigrationVersion> versions(String vendor) {
        TreeSet<MigrationVersion> versions = new TreeSet<>();
        for (String folder : List.of("common", vendor)) {
            for (Resource script : scripts(folder)) {
                Matcher m = VERSIONED.matcher(script.getFilename());
                if (m.matches()) {
                    versions.add(MigrationVersion.fromVersion(m.group(1)));
                }
            }
        }
        return List.copyOf(versions);
    }

    /** The schemas released before the latest one: every version but the last. */
    static List<MigrationVersion> earlierVersions(String vendor) {
        List<MigrationVersion> all = versions(vendor);
        return all.subList(0, all.size() - 1);
    }

    static MigrationVersion latest(String vendor) {
        List<MigrationVersion> all = versions(vendor);
        return all.get(all.size() - 1);
    }

    /** Migrates to {@code target}, or to the latest version when it is null. */
    static MigrateResult migrate(String url, String user, String password, String vendor, String schema,
            MigrationVersion target) {
        FluentConfiguration config = Flyway.configure().dataSource(url, user, password)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .table("patchflow_schema_history")
                .baselineOnMigrate(true);
        if (schema != null) {
            config = config.schemas(schema);
        }
        if (target != null) {
            config = config.target(target);
        }
        return config.load().migrate();
    }

    private static Resource[] scripts(String folder) {
        try {
            return new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/" + folder
                    + "/*.sql");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
