package io.membank.search.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.EventJson;
import io.membank.contracts.MemoryEvent;
import io.membank.search.index.MemoryIndex;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the index in step with {@code memory.events}. In order per partition (events of one memory
 * share a key); a record that is not a valid memory event goes to the dead-letter topic.
 */
@ApplicationScoped
public class MemoryEventsConsumer {

  private static final Logger LOG = Logger.getLogger(MemoryEventsConsumer.class);
  private static final ObjectMapper JSON = EventJson.newMapper();

  @Inject MemoryIndex index;
  @Inject MeterRegistry registry;

  @Incoming("memory-events")
  @Blocking
  public void onEvent(String payload) {
    MemoryEvent event = parse(payload);
    MemoryIndex.Outcome outcome = index.apply(event);
    registry.counter("search_index_events", "outcome", outcome.name().toLowerCase()).increment();
    LOG.debugf(
        "search.index.%s memory_id=%s version=%d",
        outcome.name().toLowerCase(), event.memoryId(), event.version());
  }

  static MemoryEvent parse(String payload) {
    try {
      JsonNode envelope = JSON.readTree(payload);
      if (envelope == null || !envelope.path("type").asText("").startsWith("membank.memory.")) {
        throw new IllegalArgumentException("not a memory event");
      }
      MemoryEvent event = JSON.treeToValue(envelope.path("data"), MemoryEvent.class);
      if (event == null
          || blank(event.memoryId())
          || blank(event.tenantId())
          || blank(event.userId())
          || event.operation() == null
          || event.version() < 1) {
        throw new IllegalArgumentException(
            "memory event without id, tenant, user, operation or version");
      }
      return event;
    } catch (IOException e) {
      throw new IllegalArgumentException("memory event is not valid JSON", e);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
