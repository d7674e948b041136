package io.membank.audit.intake;

import io.membank.audit.chain.AuditEntry;
import io.membank.audit.chain.AuditLog;
import io.membank.audit.chain.ChainWriteException;
import io.membank.audit.config.AuditConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Appends {@code audit.events} to the chains a batch at a time (one transaction per batch). A
 * record that cannot be read, or that the database refuses on its own, goes to the dead-letter
 * topic with the reason in a header; a database that is away is retried with back-off and then
 * stops the channel (readiness DOWN; the unacknowledged batch is read again after a restart, and
 * event ids keep it from being stored twice).
 */
@ApplicationScoped
public class AuditEventsConsumer {

  private static final Logger LOG = Logger.getLogger(AuditEventsConsumer.class);

  @Inject AuditLog log;
  @Inject AuditConfig config;
  @Inject MeterRegistry registry;

  @Inject
  @Channel("audit-events-dlq")
  Emitter<String> deadLetters;

  private AuditEventParser parser;

  @PostConstruct
  void init() {
    parser = new AuditEventParser(config.intake());
  }

  /** An entry with the record it came from (to dead-letter it as it was). */
  record Parsed(AuditEntry entry, String payload) {}

  @Incoming("audit-events")
  @Blocking
  public void onBatch(List<String> payloads) throws InterruptedException {
    List<Parsed> parsed = new ArrayList<>(payloads.size());
    for (String payload : payloads) {
      try {
        parsed.add(new Parsed(parser.parse(payload), payload));
      } catch (AuditEventParser.PoisonEvent e) {
        deadLetter(payload, e.getMessage());
      }
    }
    if (!parsed.isEmpty()) {
      appendWithRetry(parsed);
    }
  }

  private void appendWithRetry(List<Parsed> batch) throws InterruptedException {
    Duration pause = config.intake().retryBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        int written = log.append(batch.stream().map(Parsed::entry).toList()).size();
        LOG.debugf("audit.intake.batch size=%d written=%d", batch.size(), written);
        return;
      } catch (ChainWriteException e) {
        if (e.isDataError()) {
          appendOneByOne(batch);
          return;
        }
        if (attempt >= config.intake().maxAttempts()) {
          throw e;
        }
        LOG.warnf(
            "audit.intake.retry attempt=%d pause=%s reason=%s", attempt, pause, e.getMessage());
        Thread.sleep(pause.toMillis());
        pause = pause.multipliedBy(2);
      }
    }
  }

  /** Finds the records the database refuses: each alone, the refused ones dead-lettered. */
  private void appendOneByOne(List<Parsed> batch) {
    for (Parsed p : batch) {
      try {
        log.append(p.entry());
      } catch (ChainWriteException e) {
        if (!e.isDataError()) {
          throw e;
        }
        deadLetter(p.payload(), "refused by the database: " + e.sqlState());
      }
    }
  }

  private void deadLetter(String payload, String reason) {
    LOG.warnf("audit.intake.poison reason=%s", reason);
    registry.counter("audit_intake_dead_letters").increment();
    CompletableFuture<Void> acked = new CompletableFuture<>();
    var headers = new RecordHeaders();
    headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
    deadLetters.send(
        Message.of(payload)
            .addMetadata(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build())
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                t -> {
                  acked.completeExceptionally(t);
                  return CompletableFuture.completedFuture(null);
                }));
    try {
      acked.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Not acknowledged: fail the batch so it is read again rather than lose the record.
      throw new IllegalStateException("dead-lettering failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
