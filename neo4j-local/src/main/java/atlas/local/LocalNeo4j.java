package atlas.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;

/**
 * Runs Neo4j Community embedded with only the Bolt connector, on 127.0.0.1,
 * with authentication on. Usage:
 *
 * <pre>
 * LocalNeo4j --home DIR --port N --password-file FILE
 *            [--pagecache BYTES] [--csv-import-dir DIR]
 * </pre>
 *
 * The password in FILE becomes the password of the user {@code neo4j} at
 * every start. LOAD CSV from server files is refused unless
 * {@code --csv-import-dir} names a folder (benchmarks only). SIGTERM shuts the
 * database down cleanly. "READY" is printed once Bolt accepts connections.
 */
public final class LocalNeo4j {

    private static final String SAME_PASSWORD = "Old password and new password cannot be the same";

    private LocalNeo4j() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path home = Path.of(required(options, "--home")).toAbsolutePath();
        int port = Integer.parseInt(required(options, "--port"));
        String password = Files.readString(Path.of(required(options, "--password-file")), StandardCharsets.UTF_8).strip();
        long pagecache = Long.parseLong(options.getOrDefault("--pagecache", String.valueOf(128L << 20)));
        String csvDir = options.get("--csv-import-dir");

        Path importRoot = csvDir != null ? Path.of(csvDir).toAbsolutePath() : home.resolve("no-import");
        Files.createDirectories(importRoot);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.allow_file_urls, csvDir != null)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importRoot)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .setConfig(BoltConnectorInternalSettings.enable_local_connector, false)
                // Loads are one transaction (all or nothing): let transactions use 80 % of the
                // heap rather than the default 70 %: more room for a large load, and beyond the
                // limit the load fails cleanly (nothing written) instead of the server.
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size,
                        Runtime.getRuntime().maxMemory() / 10 * 8)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        setPassword(dbms, password);
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Makes {@code password} the password of user neo4j, whatever it was. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (QueryExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().contains(SAME_PASSWORD)) {
                throw e;
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("missing value after " + args[args.length - 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) throws IOException {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }
}
