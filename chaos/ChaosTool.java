import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
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
 * usage BOOTSTRAP TOPIC COUNT                  send COUNT valid llm.usage records (tenant chaos)
 * llm PORT DELAY_SECONDS SECONDS               an OpenAI-compatible stand-in answering late
 * receiver PORT FILE SECONDS                   a PagerDuty Events v2 receiver appending to FILE
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
      case "usage" -> {
        need(args, 4);
        usageRecords(args[1], args[2], Integer.parseInt(args[3]));
      }
      case "llm" -> {
        need(args, 4);
        slowLlm(Integer.parseInt(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]));
      }
      case "receiver" -> {
        need(args, 4);
        receiver(Integer.parseInt(args[1]), Path.of(args[2]), Long.parseLong(args[3]));
      }
      default -> usage();
    }
  }

  /**
   * The local PagerDuty-compatible receiver: every event posted to {@code /v2/enqueue} is appended
   * to FILE as one line and answered 202 as PagerDuty does.
   */
  private static void receiver(int port, Path file, long seconds) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("POST".equals(exchange.getRequestMethod())) {
              synchronized (file) {
                Files.write(
                    file,
                    (new String(body, StandardCharsets.UTF_8).replace('\n', ' ') + "\n")
                        .getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
              }
            }
            byte[] answer =
                "{\"status\":\"success\",\"message\":\"Event processed\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(
                "POST".equals(exchange.getRequestMethod()) ? 202 : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          }
        });
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    System.out.printf("receiver: PagerDuty events on 127.0.0.1:%d appended to %s%n", port, file);
    System.out.flush();
    TimeUnit.SECONDS.sleep(seconds);
    server.stop(0);
  }

  /**
   * An OpenAI-compatible chat server that answers every {@code POST .../chat/completions} after
   * DELAY seconds with one extracted fact: a slow provider, not a broken one.
   */
  private static void slowLlm(int port, long delaySeconds, long seconds) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    byte[] answer =
        ("{\"id\":\"chaos\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"facts\\\":"
                + "[{\\\"content\\\":\\\"The user likes slow answers.\\\","
                + "\\\"type\\\":\\\"preference\\\",\\\"importance\\\":0.5,"
                + "\\\"entities\\\":[]}]}\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":10}}")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            TimeUnit.SECONDS.sleep(delaySeconds);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // the caller gave up waiting: that is the point of this server
          }
        });
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    System.out.printf(
        "llm: OpenAI stand-in on 127.0.0.1:%d answering after %d s, for %d s%n",
        port, delaySeconds, seconds);
    System.out.flush();
    TimeUnit.SECONDS.sleep(seconds);
    server.stop(0);
  }

  /** Valid llm.usage CloudEvents of the tenant "chaos": a backlog a paused consumer leaves. */
  private static void usageRecords(String bootstrap, String topic, int count) throws Exception {
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      for (int i = 0; i < count; i++) {
        String id = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        String event =
            "{\"specversion\":\"1.0\",\"id\":\""
                + id
                + "\",\"source\":\"membank-chaos\",\"type\":\"membank.llm.usage.recorded.v1\","
                + "\"time\":\""
                + now
                + "\",\"datacontenttype\":\"application/json\",\"tenantid\":\"chaos\","
                + "\"data\":{\"tenant_id\":\"chaos\",\"occurred_at\":\""
                + now
                + "\",\"service\":\"memory-service\",\"provider\":\"chaos\","
                + "\"model\":\"chaos\",\"operation\":\"extract\",\"tokens_in\":1,"
                + "\"tokens_out\":1,\"latency_ms\":1,\"cached\":false,\"success\":true}}";
        producer.send(new ProducerRecord<>(topic, "chaos", event));
      }
      producer.flush();
    }
    System.out.printf("usage: %d llm.usage records sent to %s%n", count, topic);
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "membank-chaos");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
    return new KafkaProducer<>(p);
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
    // A topic nobody wrote yet is created on first use (auto-create): that can take a while.
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
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
            + " | poison BOOTSTRAP TOPIC COUNT | usage BOOTSTRAP TOPIC COUNT"
            + " | llm PORT DELAY_SECONDS SECONDS | receiver PORT FILE SECONDS");
    System.exit(2);
  }
}
