package io.membank.search.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryEvent;
import io.membank.contracts.Topics;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load for the search scale benchmark ({@code bench/search_scale.py}): writes {@code memory.events}
 * created-events for many users straight to Kafka, the way memory-service's relay would, so that
 * search-service's indexing (embeddings included) is what gets measured.
 *
 * <p>Arguments: {@code bootstrap tenant users memoriesPerUser bigUserMemories seed}. Users are
 * {@code u0000…}; the big user is {@code big}. Contents are first-person facts from templates and
 * vocabularies (deterministic for a seed), varied enough that BM25 and the vectors both have work
 * to do.
 */
public final class SyntheticMemoryEvents {

  static final List<String> TEMPLATES =
      List.of(
          "I live in %s and work near %s.",
          "My favourite food is %s, especially with %s.",
          "I am learning %s on %s evenings.",
          "My %s is called %s.",
          "I visited %s last year with %s.",
          "I work as a %s at %s.",
          "I am allergic to %s and avoid %s.",
          "On weekends I enjoy %s at %s.",
          "My sister lives in %s and loves %s.",
          "I prefer %s over %s in the morning.",
          "I want to travel to %s to see %s.",
          "I play %s with my friend %s.");

  static final List<String> WORDS =
      List.of(
          "Lisbon",
          "Oslo",
          "Kyoto",
          "Berlin",
          "Lima",
          "Quito",
          "Porto",
          "Nairobi",
          "Hanoi",
          "Denver",
          "sushi",
          "ramen",
          "tacos",
          "pasta",
          "curry",
          "dumplings",
          "cheese",
          "olives",
          "peanuts",
          "shellfish",
          "guitar",
          "piano",
          "Spanish",
          "Japanese",
          "chess",
          "tennis",
          "golf",
          "football",
          "climbing",
          "cycling",
          "dog",
          "cat",
          "parrot",
          "rabbit",
          "Rex",
          "Bella",
          "Miso",
          "Tom",
          "Anna",
          "Kenji",
          "nurse",
          "teacher",
          "engineer",
          "designer",
          "Acme",
          "Globex",
          "Initech",
          "the museum",
          "the harbour",
          "the market",
          "coffee",
          "green tea",
          "mountains",
          "the northern lights",
          "Tuesday",
          "Friday",
          "jazz",
          "opera",
          "gardening",
          "photography");

  private SyntheticMemoryEvents() {}

  static String content(Random random) {
    String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
    return template.formatted(
        WORDS.get(random.nextInt(WORDS.size())), WORDS.get(random.nextInt(WORDS.size())));
  }

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String tenant = args[1];
    int users = Integer.parseInt(args[2]);
    int perUser = Integer.parseInt(args[3]);
    int big = Integer.parseInt(args[4]);
    Random random = new Random(Long.parseLong(args[5]));
    ObjectMapper json = EventJson.newMapper();
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    long sent = 0;
    long started = System.nanoTime();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (int u = 0; u <= users; u++) {
        String user = u == users ? "big" : "u%04d".formatted(u);
        int count = u == users ? big : perUser;
        for (int i = 0; i < count; i++) {
          String id = new UUID(random.nextLong(), random.nextLong()).toString();
          OffsetDateTime at = OffsetDateTime.now();
          MemoryEvent event =
              new MemoryEvent(
                  id,
                  tenant,
                  user,
                  null,
                  "s" + (i % 20),
                  MemoryEvent.Operation.CREATED,
                  1,
                  content(random),
                  "fact",
                  0.5,
                  List.of(),
                  Map.of("bench", "scale"),
                  at,
                  null,
                  at,
                  at,
                  null);
          CloudEvent<MemoryEvent> envelope =
              CloudEvent.of(EventTypes.MEMORY_CREATED, "/membank/bench", id, tenant, event);
          producer.send(
              new ProducerRecord<>(Topics.MEMORY_EVENTS, id, json.writeValueAsString(envelope)));
          sent++;
        }
      }
      producer.flush();
    }
    System.out.printf(
        "{\"sent\": %d, \"seconds\": %.1f}%n", sent, (System.nanoTime() - started) / 1e9);
  }
}
