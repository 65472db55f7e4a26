package dev.parley.chat.it.production;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * WildFly from its zip with {@code standalone.xml} (the profile with EJB; the MicroProfile one has
 * none), configured offline with jboss-cli and started with a port offset.
 */
public final class WildFlyServer extends ProductionServer {

    private static final Path HOME = Path.of(System.getProperty("parley.wildflyHome", "target/servers/wildfly"));
    private static final int PORT_OFFSET = 200;
    private static final Duration CLI = Duration.ofMinutes(3);

    private Process server;

    public WildFlyServer() {
        super("wildfly");
    }

    @Override
    public URI base() {
        return URI.create("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/");
    }

    @Override
    public URI health() {
        return URI.create("http://127.0.0.1:" + (9990 + PORT_OFFSET) + "/"); // the management port
    }

    /** WildFly registers no health checks of an EAR's modules (WFLY-12835), only its own. */
    @Override
    public boolean runsApplicationHealthChecks() {
        return false;
    }

    @Override
    public void startWith(PostgresSchema database, Map<String, String> settings) throws Exception {
        resetConfiguration();
        List<String> cli = new ArrayList<>();
        cli.add("embed-server --server-config=standalone.xml --std-out=discard");
        cli.add("deploy " + JDBC_DRIVER.toAbsolutePath() + " --name=postgresql.jar");
        cli.add("data-source add --name=ChatDS --jndi-name=java:jboss/datasources/ChatDS"
                + " --driver-name=postgresql.jar --connection-url=\"" + database.jdbcUrl() + "\""
                + " --user-name=" + PostgresSchema.user() + " --min-pool-size=2 --max-pool-size=32"
                + " --validate-on-match=true"
                + " --valid-connection-checker-class-name="
                + "org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLValidConnectionChecker");
        cli.add("/subsystem=ee/service=default-bindings:write-attribute(name=datasource,"
                + "value=java:jboss/datasources/ChatDS)");
        cli.add("/extension=org.wildfly.extension.microprofile.health-smallrye:add");
        cli.add("/subsystem=microprofile-health-smallrye:add(security-enabled=false)");
        settings.forEach((key, value) -> cli.add("/system-property=" + key + ":add(value=\"" + value + "\")"));
        cli.add("deploy " + EAR.toAbsolutePath() + " --name=parley.ear");
        cli.add("stop-embedded-server");
        Path script = Files.createTempFile(Path.of("target"), "wildfly-setup", ".cli");
        Files.write(script, cli);
        run(CLI, Map.of(), "bash", script(HOME, "jboss-cli.sh"), "--file=" + script.toAbsolutePath());

        server = launch(
                Map.of("JAVA_OPTS", "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true"),
                "bash",
                script(HOME, "standalone.sh"),
                "-c",
                "standalone.xml",
                "-b",
                "127.0.0.1",
                "-Djboss.socket.binding.port-offset=" + PORT_OFFSET);
        awaitApplication();
    }

    /** Every run starts from the distribution's own configuration and no deployments. */
    private static void resetConfiguration() throws Exception {
        Path configuration = HOME.resolve("standalone/configuration");
        Path pristine = configuration.resolve("standalone.xml.pristine");
        if (!Files.exists(pristine)) {
            Files.copy(configuration.resolve("standalone.xml"), pristine);
        }
        Files.copy(pristine, configuration.resolve("standalone.xml"), StandardCopyOption.REPLACE_EXISTING);
        for (String transient_ :
                List.of("standalone/data", "standalone/tmp", "standalone/configuration/standalone_xml_history")) {
            deleteTree(HOME.resolve(transient_));
        }
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public long javaPid() {
        return server.descendants()
                .filter(child ->
                        child.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no java process under standalone.sh"))
                .pid();
    }

    @Override
    protected void shutdown() throws Exception {
        if (server == null) {
            return;
        }
        List<ProcessHandle> family = server.descendants().toList();
        try {
            run(
                    Duration.ofSeconds(60),
                    Map.of(),
                    "bash",
                    script(HOME, "jboss-cli.sh"),
                    "--connect",
                    "--controller=127.0.0.1:" + (9990 + PORT_OFFSET),
                    "--command=:shutdown");
        } catch (Exception | AssertionError e) {
            family.forEach(ProcessHandle::destroy);
        }
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            family.forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
        server = null;
    }
}
