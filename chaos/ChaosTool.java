import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The faults of {@code bin/membank chaos} that need a real client: run with the JDK's source
 * launcher on the classpath of a built service (PostgreSQL driver, Kafka client). Each fault holds
 * until its time is up or the process is terminated (closing what it opened), and prints one line
 * saying what it did.
 *
 * <pre>
 * pg-connections JDBC_URL USER COUNT SECONDS   open COUNT idle sessions and hold them
 * pg-lock JDBC_URL USER TABLE SECONDS          hold an ACCESS EXCLUSIVE lock on TABLE
 * poison BOOTSTRAP TOPIC COUNT                 send COUNT records no consumer can read
 * </pre>
 */
public final class ChaosTool {

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    switch (args[0]) {
      case "pg-connections" -> {
        need(args, 5);
        pgConnections(args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
      }
      case "pg-lock" -> {
        need(args, 5);
        pgLock(args[1], args[2], args[3], Long.parseLong(args[4]));
      }
      case "poison" -> {
        need(args, 4);
        poison(args[1], args[2], Integer.parseInt(args[3]));
      }
      default -> usage();
    }
  }

  private static void pgConnections(String url, String user, int count, long seconds)
      throws Exception {
    List<Connection> held = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(held)));
    for (int i = 0; i < count; i++) {
      try {
        Connection c = connect(url, user);
        c.setClientInfo("ApplicationName", "membank-chaos");
        held.add(c);
      } catch (SQLException e) {
        System.out.printf("pg-connections: stopped at %d: %s%n", held.size(), e.getMessage());
        break;
      }
    }
    System.out.printf("pg-connections: holding %d idle sessions for %d s%n", held.size(), seconds);
    System.out.flush();
    TimeUnit.SECONDS.sleep(seconds);
    closeAll(held);
  }

  private static void pgLock(String url, String user, String table, long seconds)
      throws Exception {
    try (Connection c = connect(url, user);
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      // The table name comes from bin/membank chaos itself (a fixed name), never from a request.
      s.execute("lock table " + table + " in access exclusive mode");
      System.out.printf("pg-lock: holding an exclusive lock on %s for %d s%n", table, seconds);
      System.out.flush();
      TimeUnit.SECONDS.sleep(seconds);
      c.rollback();
    }
  }

  private static void poison(String bootstrap, String topic, int count) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "membank-chaos");
    // A topic nobody wrote yet is created on first use (auto-create): that can take a while.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < count; i++) {
        producer
            .send(new ProducerRecord<>(topic, "chaos-" + i, "{not an event: chaos poison " + i))
            .get(60, TimeUnit.SECONDS);
      }
    }
    System.out.printf("poison: %d unreadable records sent to %s%n", count, topic);
  }

  private static Connection connect(String url, String user) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", user);
    return DriverManager.getConnection(url, props);
  }

  private static void closeAll(List<Connection> held) {
    synchronized (held) {
      for (Connection c : held) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing on the way out: nothing left to do with it
        }
      }
      held.clear();
    }
  }

  private static void need(String[] args, int n) {
    if (args.length != n) {
      usage();
    }
  }

  private static void usage() {
    System.err.println(
        "usage: ChaosTool pg-connections URL USER COUNT SECONDS | pg-lock URL USER TABLE SECONDS"
            + " | poison BOOTSTRAP TOPIC COUNT");
    System.exit(2);
  }
}
