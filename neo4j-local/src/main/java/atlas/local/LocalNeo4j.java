package atlas.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.kernel.api.KernelTransactionHandle;
import org.neo4j.kernel.impl.api.KernelTransactions;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs Neo4j Community embedded with only the Bolt connector, on 127.0.0.1,
 * with authentication on. Usage:
 *
 * <pre>
 * LocalNeo4j --home DIR --port N --password-file FILE
 *            [--pagecache BYTES] [--csv-import-dir DIR] [--stuck-grace SECONDS]
 * </pre>
 *
 * The password in FILE becomes the password of the user {@code neo4j} at
 * every start. LOAD CSV from server files is refused unless
 * {@code --csv-import-dir} names a folder (benchmarks only). SIGTERM shuts the
 * database down cleanly. "READY" is printed once Bolt accepts connections.
 *
 * <p>Every transaction is bounded: in time (its own timeout, else one hour) and in the
 * memory Cypher tracks (70 % of the heap for one transaction, 80 % for all). What
 * Cypher does not stop, a watchdog does: a transaction still running {@code --stuck-grace}
 * seconds after it was marked for termination (its time is up) halts the JVM with
 * status 75, and running out of heap exits with status 3; the supervisor that started
 * the launcher then starts it again.
 */
public final class LocalNeo4j {

    private static final String SAME_PASSWORD = "Old password and new password cannot be the same";
    /** Exit status when a transaction could not be stopped: the supervisor restarts the database. */
    static final int STUCK_EXIT = 75;

    private LocalNeo4j() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path home = Path.of(required(options, "--home")).toAbsolutePath();
        int port = Integer.parseInt(required(options, "--port"));
        String password = Files.readString(Path.of(required(options, "--password-file")), StandardCharsets.UTF_8).strip();
        long pagecache = Long.parseLong(options.getOrDefault("--pagecache", String.valueOf(128L << 20)));
        String csvDir = options.get("--csv-import-dir");
        Duration stuckGrace = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--stuck-grace", "5")));
        long heap = Runtime.getRuntime().maxMemory();

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
                // limit the load fails cleanly (nothing written) instead of the server. One
                // transaction alone may take 70 %: the rest is left to the others.
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, heap / 10 * 8)
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, heap / 10 * 7)
                // A transaction that sets no time limit of its own gets one (the explorer's
                // queries set theirs; a load sets a long one); timeouts are checked every second.
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofHours(1))
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofSeconds(1))
                .setConfig(GraphDatabaseSettings.max_concurrent_transactions, 64)
                // Bolt speaks WebSocket to any web page: with a lock-out, failed logins sent by a
                // page would lock the explorer out. The password is 32 random characters, so
                // guessing is hopeless and no lock-out is needed.
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                // A request the server never answers (a parser overflowing its stack) leaves the
                // client waiting keep_alive x probes: 10 s instead of 2 minutes. Slow but healthy
                // requests are kept alive by the server's NOOPs.
                .setConfig(BoltConnector.connection_keep_alive, Duration.ofSeconds(5))
                .setConfig(BoltConnector.connection_keep_alive_streaming_scheduling_interval, Duration.ofSeconds(1))
                .setConfig(BoltConnector.connection_keep_alive_probes, 2)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        try {
            setPassword(dbms, password);
            watchStuckTransactions(dbms, stuckGrace);
        } catch (Throwable t) {
            // Without this the database's own threads would keep the JVM alive, never ready,
            // holding the store lock that every later start needs.
            t.printStackTrace();
            System.exit(1);
        }
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /**
     * Cypher stops a transaction whose time is up (or that was terminated) only at its next
     * check, and an expression evaluated in one go (a {@code reduce} or a list comprehension
     * over millions of items) or the parser never checks: such a transaction runs on for
     * minutes, whatever its time limit. Halt the JVM when a transaction is still running
     * {@code grace} after it was marked for termination; the supervisor restarts the database
     * (a restart loses nothing: an unfinished transaction was never committed).
     */
    private static void watchStuckTransactions(DatabaseManagementService dbms, Duration grace) {
        var db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        KernelTransactions transactions = db.getDependencyResolver().resolveDependency(KernelTransactions.class);
        Map<Long, Long> markedAt = new HashMap<>();
        Thread watchdog = new Thread(() -> {
            while (true) {
                long now = System.nanoTime();
                Set<Long> marked = new HashSet<>();
                for (KernelTransactionHandle tx : transactions.activeTransactions()) {
                    var mark = tx.terminationMark();
                    if (mark.isEmpty()) {
                        continue;
                    }
                    long id = tx.getTransactionSequenceNumber();
                    marked.add(id);
                    long since = markedAt.computeIfAbsent(id, k -> now);
                    if (now - since > grace.toNanos()) {
                        System.out.println("STUCK transaction " + id + " still running " + grace.toSeconds()
                                + " s after it was stopped (" + mark.get().getReason().code().serialize()
                                + "): halting for a restart");
                        System.out.flush();
                        Runtime.getRuntime().halt(STUCK_EXIT);
                    }
                }
                markedAt.keySet().retainAll(marked);
                try {
                    TimeUnit.MILLISECONDS.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stuck-transaction-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
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
