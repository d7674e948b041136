package io.membank.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;

/**
 * Embedded Neo4j 5.26 with a Bolt connector on loopback and APOC. Authentication is disabled: the
 * connector only listens on 127.0.0.1 and the stack is for local development and tests.
 */
final class Neo4jNode {
  private final DevStackConfig config;
  private DatabaseManagementService dbms;

  Neo4jNode(DevStackConfig config) {
    this.config = config;
  }

  void start() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Path home = config.neo4jDir();
    Path plugins = home.resolve("plugins");
    Files.createDirectories(plugins);
    installApoc(plugins);
    dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64))
            // Dev data: no 256 MB preallocated transaction logs, and only a little history.
            .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
            .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
            .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(Net.HOST, config.boltPort()))
            .setConfig(
                BoltConnector.advertised_address, new SocketAddress(Net.HOST, config.boltPort()))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            // Otherwise Netty waits its 2 s quiet period (x several loops) on every shutdown.
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .build();
    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    String apoc;
    try (Transaction tx = db.beginTx();
        Result r = tx.execute("RETURN apoc.version() AS v")) {
      apoc = String.valueOf(r.next().get("v"));
    }
    if (!Net.await(() -> Net.answers(config.boltPort()), Duration.ofSeconds(30))) {
      throw new IllegalStateException("Neo4j Bolt did not open port " + config.boltPort());
    }
    Events.log(
        "devstack.neo4j.started",
        "port",
        config.boltPort(),
        "version",
        org.neo4j.kernel.internal.Version.getNeo4jVersion(),
        "apoc",
        apoc,
        "ms",
        Events.since(t0));
  }

  void stop() {
    if (dbms == null) {
      return;
    }
    long t0 = System.nanoTime();
    dbms.shutdown();
    dbms = null;
    Events.log("devstack.neo4j.stopped", "ms", Events.since(t0));
  }

  /**
   * Neo4j registers procedures only from jars in its plugin directory, so the APOC jars on our
   * classpath are copied there (their extension factories load from the classpath as well).
   */
  private static void installApoc(Path plugins) throws IOException {
    for (String probe : List.of("apoc.coll.Coll", "apoc.ApocConfig")) {
      Path jar = jarOf(probe);
      Path target = plugins.resolve(jar.getFileName());
      if (!Files.exists(target) || Files.size(target) != Files.size(jar)) {
        try (var stale = Files.newDirectoryStream(plugins, "apoc-*.jar")) {
          for (Path old : stale) {
            if (old.getFileName()
                .toString()
                .startsWith(jar.getFileName().toString().replaceAll("-\\d.*", ""))) {
              Files.delete(old);
            }
          }
        }
        Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static Path jarOf(String className) {
    try {
      Class<?> c = Class.forName(className, false, Neo4jNode.class.getClassLoader());
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
      throw new IllegalStateException("APOC is missing from the devstack classpath", e);
    }
  }
}
