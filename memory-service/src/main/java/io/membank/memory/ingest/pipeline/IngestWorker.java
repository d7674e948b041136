package io.membank.memory.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.EventJson;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code memory.ingest} and runs the job. A record that is not a valid ingest event is
 * rejected and lands on the dead-letter topic; a redelivered event for a finished job is a no-op.
 */
@ApplicationScoped
public class IngestWorker {

  /** The channel of {@code memory.ingest} (see application.properties). */
  public static final String CHANNEL = "memory-ingest";

  /**
   * The worker pool jobs run on: its {@code max-concurrency} bounds the jobs in flight, so a burst
   * of imports queues in Kafka instead of exhausting the database and Redis pools.
   */
  public static final String POOL = "ingest-workers";

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final JobProcessor processor;

  IngestWorker(JobProcessor processor) {
    this.processor = processor;
  }

  @Incoming(CHANNEL)
  @Blocking(value = POOL, ordered = false)
  public void onIngest(String payload) {
    processor.process(jobIdOf(payload));
  }

  static UUID jobIdOf(String payload) {
    try {
      JsonNode event = JSON.readTree(payload);
      JsonNode jobId = event == null ? null : event.path("data").get("job_id");
      if (jobId == null || !jobId.isTextual()) {
        throw new IllegalArgumentException("memory.ingest event without data.job_id");
      }
      return UUID.fromString(jobId.asText());
    } catch (IOException e) {
      throw new IllegalArgumentException("memory.ingest record is not JSON", e);
    }
  }
}
