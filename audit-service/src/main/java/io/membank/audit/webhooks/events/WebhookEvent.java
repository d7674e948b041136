package io.membank.audit.webhooks.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * One event that webhooks may carry: its id on the bus (the idempotency key of its deliveries), its
 * type, tenant, time and the data the receiver gets.
 */
public record WebhookEvent(
    String id, EventType type, String tenantId, OffsetDateTime occurredAt, JsonNode data) {}
