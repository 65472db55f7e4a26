package dev.parley.chat.it.production;

import dev.parley.chat.it.Api;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An application server from its distribution zip, set up the way the README tells an operator to:
 * the PostgreSQL driver, a pooled datasource as the default one, the app's settings as system
 * properties, then the unmodified EAR deployed.
 */
public abstract class ProductionServer implements AutoCloseable {

    protected static final Path SERVERS = Path.of(System.getProperty("parley.servers", "target/servers"));
    protected static final Path EAR = Path.of(System.getProperty("parley.ear", "target/parley.ear"));
    protected static final Path JDBC_DRIVER = SERVERS.resolve("postgresql.jar");
    private static final Duration READY = Duration.ofSeconds(180);

    private final Path log;

    protected ProductionServer(String name) {
        this.log = Path.of("target", name + ".log").toAbsolutePath();
    }

    /** Configures the server (datasource, driver, settings), starts it and deploys the EAR. */
    public abstract void startWith(PostgresSchema database, Map<String, String> settings) throws Exception;

    public abstract URI base();

    /** Where MicroProfile Health answers ({@code health/ready} and so on below it). */
    public URI health() {
        return base();
    }

    /** Whether the server runs the application's own health checks from an EAR. */
    public boolean runsApplicationHealthChecks() {
        return true;
    }

    protected abstract void shutdown() throws Exception;

    /** The process id of the server's JVM, to attach a JMX client as JConsole does. */
    public abstract long javaPid() throws Exception;

    public Api api() {
        return new Api(base());
    }

    @Override
    public void close() throws Exception {
        shutdown();
    }

    protected Path log() {
        return log;
    }

    /** Where the running server writes its own log. */
    protected Path serverLog() {
        return log;
    }

    /** Runs a server tool to completion; its output goes to this server's log. */
    protected void run(Duration timeout, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Process process = launch(environment, command);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(
                    String.join(" ", command) + " failed with " + process.exitValue() + "; see " + log);
        }
    }

    protected Process launch(Map<String, String> environment, String... command) throws IOException {
        Files.writeString(
                log,
                "\n$ " + String.join(" ", command) + "\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Waits until the deployed application answers its public auth config. */
    protected void awaitApplication() throws InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (api().get("api/auth/config", null).status() == 200) {
                    return;
                }
            } catch (AssertionError | RuntimeException notYet) {
                // not answering yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the application did not answer within " + READY + "; see " + log);
    }

    /** A server script, run through bash: unpacking the zip does not keep the executable bits. */
    protected static String script(Path home, String name) {
        return home.resolve("bin").resolve(name).toAbsolutePath().toString();
    }

    protected static List<String> command(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
