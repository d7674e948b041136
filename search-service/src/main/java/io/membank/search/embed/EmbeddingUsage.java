package io.membank.search.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.LlmUsageEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Meters embedding work for cost-service: per tenant, provider and model it sums the texts, an
 * estimate of their tokens ({@link TokenEstimate}) and the time spent, and reports them on {@code
 * llm.usage} (operation {@code embed}) once per {@code membank.search.embeddings.usage-interval},
 * not once per text. A report the broker refuses is kept and sent with the next one; what is
 * pending when the process is killed (at most one interval) is lost, what is pending at a normal
 * stop is sent.
 */
@ApplicationScoped
public class EmbeddingUsage {

  /** {@code llm.usage} operation of embedding work. */
  public static final String OPERATION = "embed";

  /** Outgoing channel of {@code llm.usage}. */
  public static final String CHANNEL = "llm-usage";

  /** Counter of reports the broker refused (they are retried at the next interval). */
  static final String UNSENT = "search_embedding_usage_unsent";

  static final String SOURCE = "/search-service";
  private static final String SERVICE = "search-service";
  private static final long SEND_TIMEOUT_SECONDS = 10;
  private static final Logger LOG = Logger.getLogger(EmbeddingUsage.class);
  private static final ObjectMapper JSON = EventJson.newMapper();

  /** What is summed: one report per key and interval. */
  record Key(String tenant, String provider, String model) {}

  /** Sums of one key. */
  record Totals(long texts, long tokens, long latencyMillis) {
    Totals plus(Totals o) {
      return new Totals(texts + o.texts, tokens + o.tokens, latencyMillis + o.latencyMillis);
    }
  }

  private final Map<Key, Totals> pending = new ConcurrentHashMap<>();
  private final Emitter<Record<String, String>> emitter;
  private final MeterRegistry registry;

  EmbeddingUsage(
      @Channel(CHANNEL) Emitter<Record<String, String>> emitter, MeterRegistry registry) {
    this.emitter = emitter;
    this.registry = registry;
  }

  /** Adds texts embedded for the tenant by the model. */
  public void record(
      String tenant, String provider, String model, List<String> texts, long latencyMillis) {
    if (tenant == null || texts.isEmpty()) {
      return;
    }
    long tokens = texts.stream().mapToLong(TokenEstimate::of).sum();
    pending.merge(
        new Key(tenant, provider, model),
        new Totals(texts.size(), tokens, latencyMillis),
        Totals::plus);
  }

  /** Sends one report per tenant and model with what was embedded since the last one. */
  @Scheduled(
      every = "${membank.search.embeddings.usage-interval:60s}",
      // Not at start: the first run came before Reactive Messaging had wired the emitter.
      delayed = "${membank.search.embeddings.usage-interval:60s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void flush() {
    for (Key key : new ArrayList<>(pending.keySet())) {
      Totals totals = pending.remove(key);
      if (totals != null && !send(key, totals)) {
        pending.merge(key, totals, Totals::plus);
      }
    }
  }

  void onStop(@Observes ShutdownEvent stopping) {
    flush();
  }

  private boolean send(Key key, Totals totals) {
    LlmUsageEvent data =
        new LlmUsageEvent(
            key.tenant(),
            OffsetDateTime.now(ZoneOffset.UTC),
            SERVICE,
            key.provider(),
            key.model(),
            OPERATION,
            totals.tokens(),
            0,
            totals.latencyMillis(),
            false,
            true,
            null,
            totals.texts());
    try {
      String json =
          JSON.writeValueAsString(
              CloudEvent.of(
                  EventTypes.LLM_USAGE_RECORDED, SOURCE, key.model(), key.tenant(), data));
      emitter
          .send(Record.of(key.tenant(), json))
          .toCompletableFuture()
          .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (JsonProcessingException | ExecutionException | TimeoutException | RuntimeException e) {
      registry.counter(UNSENT).increment();
      LOG.warnf(
          "search.embedding_usage.unsent tenant=%s model=%s texts=%d reason=%s",
          key.tenant(), key.model(), totals.texts(), e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
