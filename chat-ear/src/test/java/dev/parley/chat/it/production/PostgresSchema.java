package dev.parley.chat.it.production;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A schema of its own in the machine's PostgreSQL (127.0.0.1:5432, database {@code test}), dropped
 * when closed, so that runs never see each other's rows.
 */
public final class PostgresSchema implements AutoCloseable {

    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    public static PostgresSchema create(String prefix) throws SQLException {
        PostgresSchema schema =
                new PostgresSchema(prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
        schema.execute("create schema " + schema.name);
        return schema;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return SERVER + "?currentSchema=" + name;
    }

    public static String user() {
        return System.getenv().getOrDefault("PGUSER", "postgres");
    }

    /** Applies the application's own migrations up to {@code version}, as an older release did. */
    public void migrateTo(String version) {
        Flyway.configure(PostgresSchema.class.getClassLoader())
                .dataSource(jdbcUrl(), user(), "")
                .locations("classpath:db/migration")
                .table("chat_schema_history")
                .target(version)
                .load()
                .migrate();
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    public long count(String sqlFromSchema) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from " + sqlFromSchema)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(SERVER, user(), "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("set search_path to " + name);
        }
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, user(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + name + " cascade");
        }
    }
}
