package io.membank.search.audit;

import io.membank.contracts.AuditEvent;
import io.membank.identity.ReadAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Puts one {@code access} record per read of a user's memories on {@code audit.events}, keyed by
 * tenant (platform/identity {@link ReadAccess} builds it: caller, subject, count, query hash). The
 * read is answered without waiting for the broker; a record the broker refuses is logged and
 * counted ({@value #UNSENT_METRIC}), never silently lost.
 */
@ApplicationScoped
public class AccessAudit {

  /** The channel name, as in application.properties. */
  public static final String CHANNEL = "access-audits";

  /** Access records the broker did not take. */
  public static final String UNSENT_METRIC = "membank_access_audits_unsent_total";

  private static final Logger LOG = Logger.getLogger(AccessAudit.class);
  private static final String SOURCE = "/membank/search-service";

  private final Emitter<String> events;
  private final ReadAccess access;
  private final MeterRegistry registry;

  AccessAudit(@Channel(CHANNEL) Emitter<String> events, ReadAccess access, MeterRegistry registry) {
    this.events = events;
    this.access = access;
    this.registry = registry;
  }

  /** Records a successful read by the current caller (see {@link ReadAccess#of}). */
  public void read(
      String resourceType,
      String resourceId,
      String subject,
      int returned,
      String query,
      Map<String, Object> extra) {
    AuditEvent event = access.of(resourceType, resourceId, subject, returned, query, extra);
    Message<String> record =
        Message.of(ReadAccess.asRecord(event, SOURCE))
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.tenantId()).build())
            .withNack(
                e -> {
                  registry.counter(UNSENT_METRIC).increment();
                  LOG.errorf(
                      "audit.access.unsent tenant=%s resource=%s cause=%s",
                      event.tenantId(), resourceType, e.toString());
                  return java.util.concurrent.CompletableFuture.completedFuture(null);
                });
    events.send(record);
  }
}
