package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * The store-by-store proof of issue 16, through the gateway: under a {@code redact} policy set by
 * PUT to governance-service, a memory with an email, a card number, a Chinese ID and an API key
 * leaves none of them in PostgreSQL, the search index's stored text, Neo4j, any Kafka topic or any
 * service's log; and a change to {@code tokenize} reaches the next job within 5 s. The values are
 * new for each run (valid checksums), so a hit can only come from this test. The stack's extractor
 * is the built-in one (no model call), so there is no stand-in model to check.
 */
class PrivacyFlowIT {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String tenant = "e2e-privacy-" + UUID.randomUUID().toString().substring(0, 8);
  private final String user = "privacy-" + UUID.randomUUID().toString().substring(0, 8);
  private final String writer = DevTokens.token(tenant, "e2e-app", "reader,writer");
  private final String admin = DevTokens.token(tenant, "e2e-admin", "admin,reader,writer");

  private final String email = "e2e." + hex(6) + "@example.org";
  private final String card = cardNumber();
  private final String cnId = chineseId();
  private final String apiKey = "sk-" + hex(20) + "Qz" + hex(10);

  /** Every raw value, as written and (card) without separators. */
  private List<String> raw() {
    return List.of(email, card, card.replace(" ", ""), cnId, apiKey);
  }

  @Test
  void underRedactNoRawValueReachesAnyStoreTopicOrLogAndTokenizeTakesOverWithinFiveSeconds()
      throws Exception {
    long redact = putPolicy(Map.of("default_action", "REDACT", "rules", List.of()));
    awaitPolicyInForce(redact);

    String text =
        "My email is "
            + email
            + ", my card is "
            + card
            + ", my ID number is "
            + cnId
            + " and my OpenAI key is "
            + apiKey
            + ". I live in Lisbon.";
    JsonPath job = addAndAwait(text, Map.of("contact", email, "note", "card " + card));
    String memoryId = job.getString("result.memories.added[0]");
    assertThat(memoryId).isNotNull();
    assertThat(job.getLong("result.protection.policy_version")).isEqualTo(redact);
    assertThat(job.getList("result.protection.found.data_type"))
        .contains("EMAIL", "PAYMENT_CARD", "CN_RESIDENT_ID", "SECRET");

    // search-service: the stored text it answers with (the Lucene document's content).
    String searched =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    call(
                            "POST",
                            "/api/v1/memories/search",
                            writer,
                            Map.of("user_id", user, "query", "email card key Lisbon"))
                        .prettify(),
                body -> body.contains(memoryId));
    assertThat(searched).contains("[EMAIL]");
    assertNoRaw("search result", searched);

    // Neo4j: every property of every node and relationship of the tenant.
    try (Driver neo4j = GraphDatabase.driver(Stack.current().neo4jUri(), AuthTokens.none());
        var session = neo4j.session()) {
      String graph =
          Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () ->
                      session
                          .run(
                              "MATCH (n) WHERE n.tenant = $tenant OPTIONAL MATCH (n)-[r]-() "
                                  + "RETURN properties(n) AS n, properties(r) AS r",
                              Map.of("tenant", tenant))
                          .list(rec -> rec.asMap().toString())
                          .toString(),
                  dump -> dump.contains(memoryId));
      assertNoRaw("Neo4j", graph);
    }

    // PostgreSQL: the tenant's rows in every table of memory-service, and its outbox.
    assertNoRaw("memory-service PostgreSQL", memoryRows());

    // Every record of every topic, and every service's log.
    assertNoRaw("Kafka", allTopics());
    for (Stack.Service s : Stack.current().services()) {
      if (s.log() != null && Files.isRegularFile(Path.of(s.log()))) {
        assertNoRaw(s.name() + " log", Files.readString(Path.of(s.log()), StandardCharsets.UTF_8));
      }
    }

    // redact → tokenize: the next job follows the new policy within 5 s of the PUT.
    long started = System.nanoTime();
    long tokenize =
        putPolicy(
            Map.of(
                "default_action",
                "REDACT",
                "rules",
                List.of(Map.of("type", "EMAIL", "action", "TOKENIZE"))));
    double seconds = awaitPolicyInForce(tokenize, started);
    System.out.printf("e2e.privacy.policy_change seconds=%.2f%n", seconds);
    assertThat(seconds)
        .as("seconds from PUT to the first job under the new policy")
        .isLessThan(5.0);
    JsonPath tokenized = addAndAwait("My new email address is " + email + ".", Map.of());
    assertThat(tokenized.getLong("result.protection.policy_version")).isEqualTo(tokenize);
    assertThat(tokenized.getList("result.protection.found.action")).contains("TOKENIZE");
    // The new fact may add a memory or update the one about the same address.
    String tokenizedId =
        Optional.ofNullable(tokenized.getString("result.memories.added[0]"))
            .orElse(tokenized.getString("result.memories.updated[0]"));
    assertThat(tokenizedId).as("the job's memory: %s", tokenized.prettify()).isNotNull();
    String content =
        call("GET", "/api/v1/memories/" + tokenizedId, writer, null).getString("content");
    assertThat(content).contains("[EMAIL:tok_").doesNotContain(email);
  }

  private static void assertNoRaw(String where, String text, List<String> raw) {
    for (String value : raw) {
      assertThat(text).as("%s holds a raw value", where).doesNotContain(value);
    }
  }

  private void assertNoRaw(String where, String text) {
    assertNoRaw(where, text, raw());
  }

  private long putPolicy(Map<String, Object> policy) {
    return given()
        .baseUri(Stack.current().gatewayUrl())
        .auth()
        .oauth2(admin)
        .contentType("application/json")
        .body(policy)
        .put("/api/v1/governance/policies")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("version");
  }

  private void awaitPolicyInForce(long version) {
    awaitPolicyInForce(version, System.nanoTime());
  }

  /**
   * Sends small probe jobs (no personal data) until one is processed under {@code version}; returns
   * the seconds from {@code since} to that probe's submission.
   */
  private double awaitPolicyInForce(long version, long since) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      long submitted = System.nanoTime();
      JsonPath probe = addAndAwait("I like green tea.", Map.of());
      if (probe.getLong("result.protection.policy_version") == version) {
        return (submitted - since) / 1e9;
      }
    }
    throw new AssertionError("memory-service did not apply policy version " + version + " in 20 s");
  }

  private JsonPath addAndAwait(String content, Map<String, Object> metadata) {
    String job =
        call(
                "POST",
                "/api/v1/memories",
                writer,
                Map.of("user_id", user, "content", content, "metadata", metadata))
            .getString("job_id");
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> call("GET", "/api/v1/jobs/" + job, writer, null),
            j ->
                "completed".equals(j.getString("status"))
                    || "failed".equals(j.getString("status")));
  }

  private static JsonPath call(String method, String path, String token, Object body) {
    var request =
        given()
            .baseUri(Stack.current().gatewayUrl())
            .auth()
            .oauth2(token)
            .contentType("application/json");
    if (body != null) {
      request = request.body(body);
    }
    return request.request(method, path).then().extract().jsonPath();
  }

  private static String store(String name) {
    return JsonPath.from(Stack.statusPath().toFile()).getString("stores." + name);
  }

  /** memory-service's rows of the tenant (memories, history, jobs, batches) and its outbox. */
  private String memoryRows() throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection db =
        DriverManager.getConnection(
            "jdbc:postgresql://" + store("postgres") + "/membank_memory",
            "membank_memory",
            "membank_memory")) {
      for (String table : List.of("memories", "memory_history", "jobs", "batches")) {
        // table names are constants of this test, never input
        query(db, "select row_to_json(t)::text from " + table + " t where t.tenant_id = ?", out);
      }
      query(db, "select payload::text from outbox where payload->>'tenantid' = ?", out);
    }
    assertThat(out).contains(tenant);
    return out.toString();
  }

  private void query(Connection db, String sql, StringBuilder out) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setString(1, tenant);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.append(r.getString(1)).append('\n');
        }
      }
    }
  }

  /** Every record (key and value) of every topic on the broker, from the beginning to its end. */
  private static String allTopics() throws Exception {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, store("kafka"));
    Set<String> topics;
    try (AdminClient client = AdminClient.create(admin)) {
      topics = client.listTopics().names().get();
    }
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, store("kafka"));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    StringBuilder out = new StringBuilder();
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          topics.stream()
              .flatMap(t -> consumer.partitionsFor(t).stream())
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      List<TopicPartition> open = new ArrayList<>(partitions);
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          out.append(r.topic())
              .append(' ')
              .append(r.key())
              .append(' ')
              .append(r.value())
              .append('\n');
        }
        open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
      }
      assertThat(open).as("partitions not read to their end in 60 s").isEmpty();
    }
    return out.toString();
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x));
    }
    return s.toString();
  }

  /** A Visa-shaped number with a valid Luhn digit, written in groups of four. */
  private static String cardNumber() {
    int[] d = new int[16];
    d[0] = 4;
    for (int i = 1; i < 15; i++) {
      d[i] = RANDOM.nextInt(10);
    }
    int sum = 0;
    for (int i = 0; i < 15; i++) {
      int v = d[i];
      if (i % 2 == 0) { // doubled: every second digit from the right, check digit excluded
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
    }
    d[15] = (10 - sum % 10) % 10;
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        s.append(' ');
      }
      s.append(d[i]);
    }
    return s.toString();
  }

  /** An 18-character resident ID (Beijing Chaoyang, born 1988) with its GB 11643 check digit. */
  private static String chineseId() {
    String body =
        "110105"
            + "19880"
            + (1 + RANDOM.nextInt(9))
            + "1"
            + (1 + RANDOM.nextInt(8))
            + String.format("%03d", RANDOM.nextInt(1000));
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * weights[i];
    }
    return body + "10X98765432".charAt(sum % 11);
  }
}
