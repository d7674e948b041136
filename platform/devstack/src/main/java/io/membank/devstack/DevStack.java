package io.membank.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/**
 * Entry point of the MemBank dev stack: {@code run} (default) starts PostgreSQL and Redis if they
 * are not answering, then a Kafka broker and Neo4j in this JVM, writes {@code ready.json} and runs
 * until SIGTERM/SIGINT; {@code start-stores}/{@code stop-stores} start/stop only PostgreSQL and
 * Redis (they are daemons that outlive {@code run}).
 */
public final class DevStack {
  private final DevStackConfig config;
  private final KafkaNode kafka;
  private final Neo4jNode neo4j;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private DevStack(DevStackConfig config) {
    this.config = config;
    this.kafka = new KafkaNode(config);
    this.neo4j = new Neo4jNode(config);
  }

  /** Command line: {@code [run|start-stores|stop-stores] [--home DIR]}. */
  public static void main(String[] args) throws Exception {
    quietLibraryLogging();
    String command = "run";
    Path home = Path.of(System.getProperty("user.dir"), ".membank");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--home" -> {
          if (i + 1 >= args.length) {
            usage("--home needs a directory");
          }
          home = Path.of(args[++i]);
        }
        case "run", "start-stores", "stop-stores" -> command = args[i];
        case "-h", "--help" -> {
          usage(null);
        }
        default -> usage("unknown argument: " + args[i]);
      }
    }
    DevStackConfig config = DevStackConfig.from(home, System.getenv());
    int rc;
    try {
      rc =
          switch (command) {
            case "run" -> new DevStack(config).run();
            case "start-stores" -> startStores(config);
            default -> stopStores(config);
          };
    } catch (Exception e) {
      Events.log("devstack.failed", "command", command, "error", e.toString());
      e.printStackTrace();
      rc = 1;
    }
    // Kafka and Neo4j leave non-daemon threads behind; exit explicitly.
    System.exit(rc);
  }

  private static void usage(String error) {
    if (error != null) {
      System.err.println(error);
    }
    System.err.println(
        "usage: DevStack [run|start-stores|stop-stores] [--home DIR]   (default: run, ./.membank)"
            + "\n  ports: MEMBANK_PG_PORT=15432 MEMBANK_REDIS_PORT=16379 MEMBANK_KAFKA_PORT=19092"
            + " MEMBANK_KAFKA_CONTROLLER_PORT=19093 MEMBANK_NEO4J_BOLT_PORT=17687");
    System.exit(error == null ? 0 : 2);
  }

  private static void quietLibraryLogging() {
    // Kafka logs through slf4j-simple: warnings only, or it writes thousands of lines.
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
    // log4j-core (pulled in by Kafka and Neo4j) otherwise complains it has no configuration.
    setIfAbsent("log4j2.level", "WARN");
    setIfAbsent("log4j2.statusLoggerLevel", "ERROR");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  private int run() throws Exception {
    long t0 = System.nanoTime();
    Files.createDirectories(config.devstackDir());
    Files.createDirectories(config.logsDir());
    Optional<Long> running = runningDevStackPid();
    if (running.isPresent()) {
      Events.log("devstack.already-running", "pid", running.get(), "home", config.home());
      return 3;
    }
    Files.deleteIfExists(config.readyFile());
    long pid = ProcessHandle.current().pid();
    Events.log(
        "devstack.starting",
        "pid",
        pid,
        "home",
        config.home(),
        "java",
        Runtime.version(),
        "kafka",
        config.kafkaPort(),
        "neo4j",
        config.boltPort(),
        "postgres",
        config.pgPort(),
        "redis",
        config.redisPort());
    writeAtomically(config.pidFile(), pid + "\n");
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "devstack-shutdown"));

    // PostgreSQL and Redis are forked daemons (fast); the two JVM-hosted stores start in
    // parallel because each spends most of its start-up waiting on its own I/O.
    new RedisNode(config).ensureRunning();
    new PostgresNode(config).ensureRunning();
    CompletableFuture<Void> kafkaStart = CompletableFuture.runAsync(() -> unchecked(kafka::start));
    CompletableFuture<Void> neo4jStart = CompletableFuture.runAsync(() -> unchecked(neo4j::start));
    try {
      CompletableFuture.allOf(kafkaStart, neo4jStart).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }

    String ready =
        String.format(
            Locale.ROOT,
            "{\"pid\":%d,\"kafka\":\"%s:%d\",\"neo4j\":\"bolt://%s:%d\",\"postgres\":\"%s:%d\","
                + "\"redis\":\"%s:%d\",\"home\":\"%s\",\"started_at\":\"%s\"}%n",
            pid,
            Net.HOST,
            config.kafkaPort(),
            Net.HOST,
            config.boltPort(),
            Net.HOST,
            config.pgPort(),
            Net.HOST,
            config.redisPort(),
            config.home().toString().replace("\\", "\\\\").replace("\"", "\\\""),
            Instant.now());
    writeAtomically(config.readyFile(), ready);
    Events.log("devstack.ready", "ms", Events.since(t0), "file", config.readyFile());
    stopped.await();
    return 0;
  }

  /** Runs on SIGTERM/SIGINT (and on a failed start): stops the in-JVM stores cleanly. */
  private void shutdown() {
    long t0 = System.nanoTime();
    try {
      Files.deleteIfExists(config.readyFile());
    } catch (IOException e) {
      Events.log("devstack.ready-file.delete-failed", "error", e);
    }
    try {
      kafka.stop();
    } catch (RuntimeException e) {
      Events.log("devstack.kafka.stop-failed", "error", e);
    }
    try {
      neo4j.stop();
    } catch (RuntimeException e) {
      Events.log("devstack.neo4j.stop-failed", "error", e);
    }
    try {
      Files.deleteIfExists(config.pidFile());
    } catch (IOException e) {
      Events.log("devstack.pid-file.delete-failed", "error", e);
    }
    Events.log("devstack.stopped", "ms", Events.since(t0));
    stopped.countDown();
  }

  /** Starts only PostgreSQL and Redis (when not answering) and ensures the service databases. */
  private static int startStores(DevStackConfig config) throws Exception {
    Files.createDirectories(config.logsDir());
    new RedisNode(config).ensureRunning();
    new PostgresNode(config).ensureRunning();
    return 0;
  }

  private static int stopStores(DevStackConfig config) throws Exception {
    new PostgresNode(config).stop();
    new RedisNode(config).stop();
    return 0;
  }

  /** The pid of another live devstack for this home, if its pid file points at one. */
  private Optional<Long> runningDevStackPid() throws IOException {
    if (!Files.exists(config.pidFile())) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readString(config.pidFile()).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    // After a kill -9 the pid may be recycled: only a live java process counts as ours.
    boolean alive =
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(true))
            .isPresent();
    return alive && pid != ProcessHandle.current().pid() ? Optional.of(pid) : Optional.empty();
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private interface IoAction {
    void run() throws Exception;
  }

  private static void unchecked(IoAction action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
