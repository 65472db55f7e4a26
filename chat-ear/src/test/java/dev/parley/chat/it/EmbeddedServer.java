package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The embedded server started with the README's run command, as a user starts it. */
public final class EmbeddedServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(150);

    private final int port;
    private final Api api;
    private Process process;

    public EmbeddedServer() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        api = new Api(URI.create("http://127.0.0.1:" + port + "/"));
    }

    public Api api() {
        return api;
    }

    /** Everything the run command and the server printed. */
    public Path log() {
        return Path.of("target", "embedded-server-" + port + ".log");
    }

    /** Starts {@code ./run.sh} with these extra environment variables and waits until it answers. */
    public void start(Map<String, String> environment) throws IOException, InterruptedException {
        File root = new File(System.getProperty("parley.root", ".."));
        ProcessBuilder builder = new ProcessBuilder("bash", new File(root, "run.sh").getAbsolutePath())
                .directory(root)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/embedded-server-" + port + ".log")));
        builder.environment().put("CHAT_PORT", String.valueOf(port));
        builder.environment().put("PARLEY_SKIP_BUILD", "1");
        builder.environment().put("JAVA_OPTS", "-Xmx512m");
        builder.environment().putAll(environment);
        process = builder.start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the server process is running").isTrue();
            try {
                if (api.get("api/auth/config", null).status() == 200) {
                    return;
                }
            } catch (AssertionError notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the embedded server did not answer within " + STARTUP);
    }

    /** The process id of the server's JVM (Payara Micro), e.g. to attach a JMX client. */
    public long javaPid() {
        return process.descendants()
                .filter(child ->
                        child.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no java process under run.sh"))
                .pid();
    }

    /** Kills the server's JVM as a crash would ({@code kill -9}): no shutdown hook, no flush. */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        for (ProcessHandle child : process.descendants().toList()) {
            child.destroyForcibly();
            child.onExit().join();
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        process = null;
    }

    /** Stops the server and the Payara Micro process it started. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> family = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : family) {
            child.destroy();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
