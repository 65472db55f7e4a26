package dev.parley.chat.it.production;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Payara Server 6 from its zip: a domain of its own, configured and deployed with asadmin. */
public final class PayaraServer extends ProductionServer {

    private static final Path HOME = Path.of(System.getProperty("parley.payaraHome", "target/servers/payara6"));
    private static final String DOMAIN = "parley-it";
    private static final int PORT_BASE = 28000;
    private static final Duration ADMIN = Duration.ofMinutes(3);

    public PayaraServer() {
        super("payara-server");
    }

    @Override
    public URI base() {
        return URI.create("http://127.0.0.1:" + (PORT_BASE + 80) + "/");
    }

    @Override
    public void startWith(PostgresSchema database, Map<String, String> settings) throws Exception {
        asadminQuietly("stop-domain", DOMAIN); // left running by an interrupted run
        asadminQuietly("delete-domain", DOMAIN);
        asadmin("create-domain", "--nopassword", "--portbase", String.valueOf(PORT_BASE), DOMAIN);
        asadmin("start-domain", DOMAIN);
        remoteAsadmin("add-library", JDBC_DRIVER.toAbsolutePath().toString());
        remoteAsadmin(
                "create-jdbc-connection-pool",
                "--datasourceclassname=org.postgresql.ds.PGSimpleDataSource",
                "--restype=javax.sql.DataSource",
                "--steadypoolsize=4",
                "--maxpoolsize=32",
                "--isconnectvalidatereq=true",
                "--validationmethod=auto-commit",
                "--property",
                "url=" + escape(database.jdbcUrl()) + ":user=" + PostgresSchema.user() + ":password=()",
                "ChatPool");
        remoteAsadmin("set", "resources.jdbc-resource.jdbc/__default.pool-name=ChatPool");
        List<String> properties = new ArrayList<>();
        settings.forEach((key, value) -> properties.add(key + "=" + escape(value)));
        remoteAsadmin("create-system-properties", String.join(":", properties));
        // /metrics is the application's own; Payara's MicroProfile Metrics would answer it first
        remoteAsadmin("set-metrics-configuration", "--enabled=false");
        // as README.md tells operators: no cleartext HTTP/2 upgrade (Grizzly 4's race, docs/reliability.md)
        remoteAsadmin(
                "set",
                "configs.config.server-config.network-config.protocols.protocol.http-listener-1.http.http2-enabled=false");
        // that set restarts the listener in the background; a deploy racing it once left the
        // listener dead ("GrizzlyProxy is NULL", nothing answered for 3 minutes)
        asadmin("restart-domain", DOMAIN);
        remoteAsadmin("deploy", "--name", "parley", EAR.toAbsolutePath().toString());
        awaitApplication();
    }

    @Override
    public long javaPid() throws Exception {
        return Long.parseLong(Files.readString(HOME.resolve("glassfish/domains/" + DOMAIN + "/config/pid"))
                .strip());
    }

    @Override
    protected Path serverLog() {
        return HOME.resolve("glassfish/domains/" + DOMAIN + "/logs/server.log");
    }

    @Override
    protected void shutdown() throws Exception {
        asadminQuietly("stop-domain", DOMAIN);
    }

    /** A command for the running domain's admin port. */
    private void remoteAsadmin(String... arguments) throws Exception {
        List<String> withPort = new ArrayList<>(List.of("--port", String.valueOf(PORT_BASE + 48)));
        withPort.addAll(List.of(arguments));
        asadmin(withPort.toArray(String[]::new));
    }

    private void asadmin(String... arguments) throws Exception {
        run(
                ADMIN,
                Map.of(),
                command("bash", command(script(HOME, "asadmin"), List.of(arguments)))
                        .toArray(String[]::new));
    }

    private void asadminQuietly(String... arguments) {
        try {
            asadmin(arguments);
        } catch (Exception | AssertionError ignored) {
            // nothing to delete or stop
        }
    }

    /** asadmin property lists separate with ':' and assign with '=': both are escaped in values. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }
}
