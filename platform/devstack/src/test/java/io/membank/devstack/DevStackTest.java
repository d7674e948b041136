package io.membank.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * Starts the devstack as a child JVM on free ports under a temporary home, talks to all four stores
 * with real clients, kills it with -9, restarts it on the same state and stops it.
 */
class DevStackTest {
  private static Path home;
  private static Map<String, String> env;
  private static int kafkaPort;
  private static int boltPort;
  private static int pgPort;
  private static int redisPort;

  @BeforeAll
  static void setUp() throws IOException {
    // A private temp dir also exercises the fallback of the PG data dir when run as root.
    home = Files.createTempDirectory("membank-devstack-test");
    int[] ports = freePorts(5);
    pgPort = ports[0];
    redisPort = ports[1];
    kafkaPort = ports[2];
    boltPort = ports[4];
    env =
        Map.of(
            "MEMBANK_PG_PORT", String.valueOf(pgPort),
            "MEMBANK_REDIS_PORT", String.valueOf(redisPort),
            "MEMBANK_KAFKA_PORT", String.valueOf(kafkaPort),
            "MEMBANK_KAFKA_CONTROLLER_PORT", String.valueOf(ports[3]),
            "MEMBANK_NEO4J_BOLT_PORT", String.valueOf(boltPort));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (home == null) {
      return;
    }
    Process stop = launch("stop-stores");
    stop.waitFor(60, TimeUnit.SECONDS);
    Path fallback =
        Path.of(
            "/var/tmp",
            "membank-pg-" + PostgresNode.shortHash(home.toAbsolutePath().normalize().toString()));
    deleteTree(fallback);
    deleteTree(home);
  }

  @Test
  void startsAllStoresSurvivesKillMinusNineAndStopsCleanly() throws Exception {
    Process first = launch("run");
    awaitReady(first);
    assertTrue(
        Files.readString(home.resolve("devstack/ready.json"))
            .contains("\"kafka\":\"127.0.0.1:" + kafkaPort + "\""));
    String firstValue = UUID.randomUUID().toString();
    assertEquals(firstValue, kafkaRoundTrip("devstack-test", firstValue));
    assertKafkaBroker44();
    assertNeo4j();
    assertPostgres();
    assertRedis();

    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    Process second = launch("run");
    awaitReady(second);
    // The same broker state: a new group reading from the start sees the first record too.
    List<String> values = kafkaReadAll("devstack-test", 1);
    assertTrue(values.contains(firstValue), "record from before kill -9 is gone: " + values);
    assertNeo4j();

    second.destroy(); // SIGTERM
    assertTrue(second.waitFor(30, TimeUnit.SECONDS), "devstack did not stop on SIGTERM");
    assertFalse(Files.exists(home.resolve("devstack/ready.json")));
    String log = Files.readString(home.resolve("logs/devstack.log"));
    assertTrue(log.contains("devstack.kafka.reuse"), log);
    assertTrue(log.contains("devstack.neo4j.stopped"), log);
  }

  private static Process launch(String command) throws IOException {
    Path classes = Path.of(System.getProperty("devstack.classes", "target/classes"));
    Path lib = Path.of(System.getProperty("devstack.lib", "target/lib"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx768m",
                "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 23) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    cmd.addAll(
        List.of(
            "-cp",
            classes + ":" + lib + "/*",
            DevStack.class.getName(),
            command,
            "--home",
            home.toString()));
    Files.createDirectories(home.resolve("logs"));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(home.resolve("logs/devstack.log").toFile()));
    pb.environment().putAll(env);
    return pb.start();
  }

  private static void awaitReady(Process p) throws Exception {
    Path ready = home.resolve("devstack/ready.json");
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        fail(
            "devstack exited with "
                + p.exitValue()
                + ":\n"
                + Files.readString(home.resolve("logs/devstack.log")));
      }
      if (Files.exists(ready) && Files.readString(ready).contains("\"pid\":" + p.pid() + ",")) {
        return;
      }
      Thread.sleep(200);
    }
    fail("devstack not ready in 120 s:\n" + Files.readString(home.resolve("logs/devstack.log")));
  }

  private static String kafkaRoundTrip(String topic, String value) throws Exception {
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
    pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp)) {
      producer.send(new ProducerRecord<>(topic, "k", value)).get(30, TimeUnit.SECONDS);
    }
    List<String> values = kafkaReadAll(topic, 1);
    return values.get(values.size() - 1);
  }

  private static List<String> kafkaReadAll(String topic, int atLeast) {
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID());
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < atLeast && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
    }
    assertTrue(values.size() >= atLeast, "no records consumed from " + topic);
    return values;
  }

  private static void assertKafkaBroker44() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + kafkaPort))) {
      FinalizedVersionRange mv =
          admin
              .describeFeatures()
              .featureMetadata()
              .get(30, TimeUnit.SECONDS)
              .finalizedFeatures()
              .get("metadata.version");
      // Only a 4.4 broker finalizes a 4.4 metadata version on a fresh format.
      String release = MetadataVersion.fromFeatureLevel(mv.maxVersionLevel()).version();
      assertTrue(release.startsWith("4.4"), "broker metadata.version " + release);
    }
  }

  private static void assertNeo4j() {
    try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + boltPort, AuthTokens.none());
        Session session = driver.session()) {
      assertEquals(1L, session.run("RETURN 1 AS one").single().get("one").asLong());
      assertTrue(
          session
              .run("RETURN apoc.version() AS v")
              .single()
              .get("v")
              .asString()
              .startsWith("5.26"));
    }
  }

  private static void assertPostgres() throws Exception {
    Proc.Result r =
        Proc.run(
            List.of(
                "psql",
                "-X",
                "-At",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(pgPort),
                "-U",
                "membank_memory",
                "-d",
                "membank_memory",
                "-c",
                "select 1"));
    assertEquals(new Proc.Result(0, "1"), r);
    // audit-service's database belongs to the owner role Flyway uses, not to the service's role.
    Proc.Result owner =
        Proc.run(
            List.of(
                "psql",
                "-X",
                "-At",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(pgPort),
                "-U",
                "membank_audit",
                "-d",
                "membank_audit",
                "-c",
                "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"));
    assertEquals(new Proc.Result(0, "membank_audit_owner"), owner);
  }

  private static void assertRedis() throws Exception {
    Proc.Result r =
        Proc.run(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(redisPort), "PING"));
    assertEquals(new Proc.Result(0, "PONG"), r);
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
