package io.membank.identity;

import io.membank.contracts.AuditEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Puts the audit records of a service without an outbox (search-, graph-service) straight on {@code
 * audit.events}, keyed by tenant: every refused request ({@link RefusedRequests}) and one {@code
 * access} record per read of a subject's memories ({@link ReadAccess}). The answer never waits for
 * the broker; a record the broker refuses is logged and counted ({@value #UNSENT_METRIC}), never
 * silently lost.
 *
 * <p>A service opts in at build time with {@code membank.identity.audit-records=true} and
 * configures the outgoing channel {@value #CHANNEL} on {@code audit.events}; services with an
 * outbox write these records through it instead, in their own transactions.
 */
@ApplicationScoped
@IfBuildProperty(name = "membank.identity.audit-records", stringValue = "true")
public class AuditRecords {

  /** The outgoing channel, configured in the service's application.properties. */
  public static final String CHANNEL = "audit-records";

  /** Audit records the broker did not take. */
  public static final String UNSENT_METRIC = "membank_audit_records_unsent_total";

  private static final Logger LOG = Logger.getLogger(AuditRecords.class);

  private final Emitter<String> events;
  private final ReadAccess access;
  private final MeterRegistry registry;
  private final String source;

  AuditRecords(
      @Channel(CHANNEL) Emitter<String> events,
      ReadAccess access,
      MeterRegistry registry,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.events = events;
    this.access = access;
    this.registry = registry;
    this.source = "/membank/" + service;
  }

  /** Records a successful read by the current caller (see {@link ReadAccess#of}). */
  public void read(
      String resourceType,
      String resourceId,
      String subject,
      int returned,
      String query,
      Map<String, Object> extra) {
    send(access.of(resourceType, resourceId, subject, returned, query, extra));
  }

  void onRefused(@ObservesAsync RefusedRequests.RefusedRequest refused) {
    send(refused.event());
  }

  private void send(AuditEvent event) {
    events.send(
        Message.of(ReadAccess.asRecord(event, source))
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.tenantId()).build())
            .withNack(
                e -> {
                  registry.counter(UNSENT_METRIC).increment();
                  LOG.errorf(
                      "audit.record.unsent tenant=%s action=%s resource=%s cause=%s",
                      event.tenantId(),
                      event.action(),
                      event.resource() == null ? null : event.resource().type(),
                      e.toString());
                  return CompletableFuture.completedFuture(null);
                }));
  }
}
