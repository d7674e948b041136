package io.membank.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** What memory-service puts on the bus: CloudEvents through the outbox, poison to the DLQ. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class MemoryEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static String topic(String logical) {
    return logical
        + ConfigProvider.getConfig().getValue("membank.kafka.topic-suffix", String.class);
  }

  static String bootstrap() {
    return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
  }

  /** Reads the topic from the start until a record matches or the time is up. */
  static JsonNode awaitRecord(String topic, Predicate<JsonNode> match) throws Exception {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      List<String> seen = new ArrayList<>();
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          seen.add(record.value());
          JsonNode node = JSON.readTree(record.value());
          if (node != null && match.test(node)) {
            return node;
          }
        }
      }
      throw new AssertionError("no matching record on " + topic + "; saw " + seen);
    }
  }

  @Test
  void createdMemoryIsPublishedAsACloudEventWithFullState() throws Exception {
    String token = TestTokens.token("acme", "app-1", "writer", "reader");
    String user = "ev-" + UUID.randomUUID().toString().substring(0, 8);
    String jobId =
        given()
            .auth()
            .oauth2(token)
            .contentType("application/json")
            .body(Map.of("user_id", user, "content", "I live in Porto.", "session_id", "s-9"))
            .post("/api/v1/memories")
            .then()
            .statusCode(202)
            .extract()
            .path("job_id");

    JsonNode event =
        awaitRecord(
            topic("memory.events"), n -> user.equals(n.path("data").path("user_id").asText()));

    assertThat(event.path("specversion").asText()).isEqualTo("1.0");
    assertThat(event.path("type").asText()).isEqualTo("membank.memory.created.v1");
    assertThat(event.path("tenantid").asText()).isEqualTo("acme");
    assertThat(event.path("data").path("content").asText()).isEqualTo("I live in Porto.");
    assertThat(event.path("data").path("version").asInt()).isEqualTo(1);
    assertThat(event.path("data").path("session_id").asText()).isEqualTo("s-9");
    assertThat(event.path("data").path("provenance").path("job_id").asText()).isEqualTo(jobId);

    JsonNode audit =
        awaitRecord(
            topic("audit.events"),
            n -> jobId.equals(n.path("data").path("resource").path("id").asText()));
    assertThat(audit.path("data").path("action").asText()).isEqualTo("create");
    assertThat(audit.path("data").path("actor").path("id").asText()).isEqualTo("app-1");
    assertThat(audit.path("data").path("outcome").asText()).isEqualTo("success");
  }

  @Test
  void poisonIngestRecordLandsOnTheDeadLetterTopic() throws Exception {
    String marker = "poison-" + UUID.randomUUID();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer
          .send(new ProducerRecord<>(topic("memory.ingest"), "k", "{\"not\":\"" + marker + "\"}"))
          .get();
    }

    JsonNode dead =
        awaitRecord(
            topic("memory.ingest.dlq.memory-service"), n -> marker.equals(n.path("not").asText()));

    assertThat(dead.path("not").asText()).isEqualTo(marker);
  }
}
