package io.membank.audit.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.chain.AuditEntry;
import io.membank.audit.chain.ChainRecord;
import io.membank.audit.config.AuditConfig;
import io.membank.audit.delivery.DeliveryQueue;
import io.membank.audit.risk.RiskLevel;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Raises an alert for every record at or above the alert risk, at most one per dedup key and
 * window, and queues its deliveries (PagerDuty Events API v2, the {@code audit.alerts} topic) in
 * the appending transaction; the delivery worker sends them after the commit.
 */
@ApplicationScoped
public class AlertService {

  /** Logical topic of alerts (the configured suffix is appended). */
  public static final String TOPIC = "audit.alerts";

  /** CloudEvents type of an alert. */
  public static final String EVENT_TYPE = "membank.audit.alert.raised.v1";

  private static final Logger LOG = Logger.getLogger(AlertService.class);
  private static final ObjectMapper JSON = EventJson.newMapper();

  @Inject AuditConfig config;
  @Inject DeliveryQueue queue;
  @Inject EntityManager em;

  /** Raises alerts for the risky records among {@code records}, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<AlertEntity> raise(List<ChainRecord> records) {
    RiskLevel min = RiskLevel.of(config.alerts().minRisk());
    Map<String, ChainRecord> firstByKey = new LinkedHashMap<>();
    for (ChainRecord record : records) {
      if (record.classification().risk().compareTo(min) >= 0) {
        firstByKey.putIfAbsent(dedupKey(record), record);
      }
    }
    if (firstByKey.isEmpty()) {
      return List.of();
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Set<String> recent =
        new HashSet<>(
            em.createQuery(
                    "select a.dedupKey from AlertEntity a where a.dedupKey in :keys"
                        + " and a.createdAt > :since",
                    String.class)
                .setParameter("keys", firstByKey.keySet())
                .setParameter("since", now.minus(config.alerts().dedupWindow()))
                .getResultList());
    List<AlertEntity> raised = new ArrayList<>();
    for (Map.Entry<String, ChainRecord> entry : firstByKey.entrySet()) {
      if (recent.contains(entry.getKey())) {
        LOG.debugf("audit.alert.deduplicated dedup_key=%s", entry.getKey());
        continue;
      }
      raised.add(raise(entry.getKey(), entry.getValue(), now));
    }
    return raised;
  }

  private AlertEntity raise(String dedupKey, ChainRecord record, OffsetDateTime now) {
    AlertEntity alert = new AlertEntity();
    alert.id = UUID.randomUUID();
    alert.tenantId = record.entry().tenantId();
    alert.dedupKey = dedupKey;
    alert.risk = record.classification().risk().wire();
    alert.severity = severity(record.classification().risk());
    alert.summary = summary(record);
    alert.recordSeq = record.seq();
    alert.eventId = record.entry().eventId();
    alert.reasons = String.join(",", record.classification().reasons());
    alert.createdAt = now;
    alert.persist();
    if (config.alerts().pagerduty().routingKey().isPresent()) {
      // The routing key is added when sending: it stays out of the database.
      String trigger = write(pagerDutyTrigger(config.alerts().pagerduty().source(), alert, record));
      queue.enqueue("pagerduty", null, trigger, alert.id, null);
    }
    if (config.alerts().kafkaEnabled()) {
      queue.enqueue("kafka", TOPIC, write(cloudEvent(alert, record)), alert.id, null);
    }
    LOG.infof(
        "audit.alert.raised alert_id=%s tenant=%s seq=%d risk=%s reasons=%s",
        alert.id, alert.tenantId, alert.recordSeq, alert.risk, alert.reasons);
    return alert;
  }

  /** PagerDuty severity of a risk level. */
  static String severity(RiskLevel risk) {
    return switch (risk) {
      case CRITICAL -> "critical";
      case HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW -> "info";
    };
  }

  /**
   * Alerts for the same tenant, leading rule and actor are one incident (a burst of 50 failures
   * pages once).
   */
  static String dedupKey(ChainRecord record) {
    AuditEntry e = record.entry();
    String actor =
        e.actor().id() != null ? e.actor().id() : e.ip() != null ? "ip:" + e.ip() : "anonymous";
    return "membank-audit/" + e.tenantId() + "/" + leadingReason(record) + "/" + actor;
  }

  private static String leadingReason(ChainRecord record) {
    List<String> reasons = record.classification().reasons();
    return reasons.isEmpty() ? "risk" : reasons.get(0);
  }

  static String summary(ChainRecord record) {
    AuditEntry e = record.entry();
    String text =
        String.format(
            "%s-risk audit event (%s): %s %s %s %s%s in tenant %s (seq %d)",
            record.classification().risk().wire(),
            String.join(", ", record.classification().reasons()),
            e.actor().id() == null ? "anonymous" : e.actor().id(),
            e.outcome(),
            e.action(),
            e.resource().type(),
            e.resource().id() == null ? "" : " " + e.resource().id(),
            e.tenantId(),
            record.seq());
    return text.length() > 1024 ? text.substring(0, 1024) : text;
  }

  /** A PagerDuty Events API v2 trigger, without its routing key. */
  static ObjectNode pagerDutyTrigger(String source, AlertEntity alert, ChainRecord record) {
    AuditEntry e = record.entry();
    ObjectNode event = JSON.createObjectNode();
    event.put("event_action", "trigger");
    event.put("dedup_key", alert.dedupKey);
    ObjectNode payload = event.putObject("payload");
    payload.put("summary", alert.summary);
    payload.put("source", source);
    payload.put("severity", alert.severity);
    payload.put("timestamp", e.occurredAt().toString());
    payload.put("component", e.service());
    payload.put("group", "tenant:" + e.tenantId());
    payload.put("class", leadingReason(record));
    payload.set("custom_details", details(alert, record));
    return event;
  }

  private static CloudEvent<ObjectNode> cloudEvent(AlertEntity alert, ChainRecord record) {
    ObjectNode data = details(alert, record);
    data.put("alert_id", alert.id.toString());
    data.put("dedup_key", alert.dedupKey);
    data.put("severity", alert.severity);
    data.put("summary", alert.summary);
    data.put("raised_at", alert.createdAt.toString());
    return new CloudEvent<>(
        CloudEvent.SPEC_VERSION,
        alert.id.toString(),
        AuditEntry.SOURCE,
        EVENT_TYPE,
        record.entry().eventId(),
        alert.createdAt,
        "application/json",
        null,
        alert.tenantId,
        null,
        data);
  }

  private static ObjectNode details(AlertEntity alert, ChainRecord record) {
    AuditEntry e = record.entry();
    ObjectNode d = JSON.createObjectNode();
    d.put("tenant_id", e.tenantId());
    d.put("seq", record.seq());
    d.put("event_id", e.eventId());
    d.put("hash", record.hash());
    d.put("risk", alert.risk);
    d.set("risk_reasons", JSON.valueToTree(record.classification().reasons()));
    d.set("compliance", JSON.valueToTree(record.classification().compliance()));
    d.put("occurred_at", e.occurredAt().toString());
    d.put("service", e.service());
    d.put("actor_type", e.actor().type());
    d.put("actor_id", e.actor().id());
    d.put("action", e.action());
    d.put("resource_type", e.resource().type());
    d.put("resource_id", e.resource().id());
    d.put("resource_owner_id", e.resource().ownerId());
    d.put("outcome", e.outcome());
    d.put("ip", e.ip());
    return d;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert not serializable", e);
    }
  }
}
