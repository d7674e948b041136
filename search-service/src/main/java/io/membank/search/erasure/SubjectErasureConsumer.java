package io.membank.search.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.ErasureConfirmed;
import io.membank.contracts.ErasureConfirmed.StoreCount;
import io.membank.contracts.ErasureRequested;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.search.cache.QueryCache;
import io.membank.search.index.MemoryStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Erases a subject from the search read model on governance-service's request: the subject's
 * documents become tombstones without user or content (committed), the subject's cached answers are
 * deleted from Redis; then the counts and direct checks (term query, SCAN) are confirmed on {@code
 * governance.results}. The request is acknowledged only after the confirmation is sent, so a crash
 * in between repeats the (idempotent) erasure. Poison goes to {@code
 * governance.requests.dlq.search-service}.
 */
@ApplicationScoped
public class SubjectErasureConsumer {

  private static final Logger LOG = Logger.getLogger(SubjectErasureConsumer.class);
  static final String SERVICE = "search-service";

  private final MemoryStore index;
  private final QueryCache cache;
  private final Emitter<Record<String, String>> results;

  public SubjectErasureConsumer(
      MemoryStore index,
      QueryCache cache,
      @Channel("governance-results") Emitter<Record<String, String>> results) {
    this.index = index;
    this.cache = cache;
    this.results = results;
  }

  @Incoming("governance-requests")
  @Blocking
  public void consume(String record)
      throws InterruptedException, ExecutionException, TimeoutException, JsonProcessingException {
    ErasureRequested request = ErasureRequested.parse(record);
    String tenant = request.tenantId();
    String subject = request.subject();
    long docsBefore = index.countSubject(tenant, subject);
    long keysBefore = cache.keysOf(tenant, subject).size();
    index.eraseSubject(tenant, subject);
    cache.purge(tenant, subject);
    long docsAfter = index.countSubject(tenant, subject);
    long keysAfter = cache.keysOf(tenant, subject).size();
    ErasureConfirmed confirmed =
        request.confirm(
            SERVICE,
            List.of(
                new StoreCount(
                    "lucene:memories",
                    docsBefore,
                    docsAfter,
                    "term query tenant + user (tombstones included)",
                    index.countSubject(tenant, subject)),
                new StoreCount(
                    "redis:membank:search",
                    keysBefore,
                    keysAfter,
                    "SCAN membank:search:q:<tenant>:<user>:* and the generation key",
                    cache.keysOf(tenant, subject).size())));
    String payload =
        EventJson.newMapper()
            .writeValueAsString(
                CloudEvent.of(
                    EventTypes.GOVERNANCE_ERASURE_CONFIRMED,
                    "/membank/" + SERVICE,
                    request.erasureId(),
                    tenant,
                    confirmed));
    results.send(Record.of(tenant, payload)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    LOG.infof(
        "search.erasure erasure=%s docs=%d keys=%d", request.erasureId(), docsBefore, keysBefore);
  }
}
