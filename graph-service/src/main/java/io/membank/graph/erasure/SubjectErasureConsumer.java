package io.membank.graph.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.ErasureConfirmed;
import io.membank.contracts.ErasureRequested;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * governance-service's erasure requests: erases the subject from the graph and confirms the counts
 * on {@code governance.results}; the request is acknowledged after the confirmation is sent (no
 * database here for an outbox; the erasure is idempotent). Poison goes to {@code
 * governance.requests.dlq.graph-service}.
 */
@ApplicationScoped
public class SubjectErasureConsumer {

  static final String SERVICE = "graph-service";

  private final SubjectGraphErasure graph;
  private final Emitter<Record<String, String>> results;

  public SubjectErasureConsumer(
      SubjectGraphErasure graph,
      @Channel("governance-results") Emitter<Record<String, String>> results) {
    this.graph = graph;
    this.results = results;
  }

  @Incoming("governance-requests")
  @Blocking
  public void consume(String record)
      throws InterruptedException, ExecutionException, TimeoutException, JsonProcessingException {
    ErasureRequested request = ErasureRequested.parse(record);
    ErasureConfirmed confirmed =
        request.confirm(SERVICE, graph.erase(request.tenantId(), request.subject()));
    String payload =
        EventJson.newMapper()
            .writeValueAsString(
                CloudEvent.of(
                    EventTypes.GOVERNANCE_ERASURE_CONFIRMED,
                    "/membank/" + SERVICE,
                    request.erasureId(),
                    request.tenantId(),
                    confirmed));
    results
        .send(Record.of(request.tenantId(), payload))
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }
}
