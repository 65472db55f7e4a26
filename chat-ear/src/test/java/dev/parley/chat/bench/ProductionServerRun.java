package dev.parley.chat.bench;

import dev.parley.chat.it.production.PayaraServer;
import dev.parley.chat.it.production.PostgresSchema;
import dev.parley.chat.it.production.ProductionServer;
import dev.parley.chat.it.production.WildFlyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The unmodified EAR on WildFly or Payara Server against a fresh PostgreSQL schema, for the
 * benchmark scripts (bench/production-server.sh): prints {@code ready <base url> <java pid>} once
 * the application answers, and stops the server and drops the schema when its input closes.
 *
 * <p>Args: wildfly | payara
 */
public final class ProductionServerRun {

    public static void main(String[] args) throws Exception {
        ProductionServer server =
                args.length > 0 && args[0].equals("payara") ? new PayaraServer() : new WildFlyServer();
        try (PostgresSchema database = PostgresSchema.create("parley_bench");
                server) {
            Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-data");
            server.startWith(database, Map.of("chat.data.dir", data.toString()));
            System.out.println("ready " + server.base() + " " + server.javaPid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the script closes our input
            }
        }
    }
}
