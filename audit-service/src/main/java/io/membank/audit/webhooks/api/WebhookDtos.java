package io.membank.audit.webhooks.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.membank.audit.webhooks.store.SubscriptionEntity;
import io.membank.audit.webhooks.store.WebhookDeliveryEntity;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of {@code /api/v1/webhooks}. */
public final class WebhookDtos {

  private WebhookDtos() {}

  /** A new subscription. */
  public record CreateWebhookRequest(
      @Schema(
              description = "Receiver (https; http and private addresses only where configured)",
              example = "https://hooks.example.com/membank")
          @NotNull
          @Size(max = 2048)
          String url,
      @Schema(
              description =
                  "Event types: job.completed, job.failed, memory.added, memory.updated,"
                      + " memory.invalidated, memory.deleted, erasure.completed")
          @NotEmpty
          @Size(max = 16)
          List<@NotNull @Size(max = 64) String> events,
      @Schema(description = "What the webhook is for (free text)", example = "CRM sync")
          @Size(max = 500)
          String description) {}

  /** A subscription; {@code secret} only in the answer to its creation. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WebhookView(
      @Schema(description = "The webhook's id", example = "1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b")
          UUID id,
      @Schema(description = "The receiver", example = "https://hooks.example.com/membank")
          String url,
      @Schema(description = "The event types it receives", example = "[\"memory.added\"]")
          List<String> events,
      @Schema(description = "What the webhook is for", example = "CRM sync") String description,
      @Schema(description = "active or disabled", example = "active") String status,
      @Schema(
              description = "Failed deliveries in a row (it is disabled after too many)",
              example = "0")
          int consecutiveFailures,
      @Schema(
              description = "Why it was disabled, if it is",
              example = "30 failed deliveries in a row")
          String disabledReason,
      @Schema(
              description = "Signing secret (whsec_…), shown once at creation",
              example = "whsec_ZXhhbXBsZSBzZWNyZXQgb25seQ==")
          String secret,
      @Schema(description = "When it was created", example = "2026-12-04T07:00:00Z")
          OffsetDateTime createdAt,
      @Schema(description = "When it last changed", example = "2026-12-04T07:00:00Z")
          OffsetDateTime updatedAt) {

    static WebhookView of(SubscriptionEntity s, String secret) {
      return new WebhookView(
          s.id,
          s.url,
          List.of(s.eventTypes),
          s.description,
          s.status,
          s.consecutiveFailures,
          s.disabledReason,
          secret,
          s.createdAt,
          s.updatedAt);
    }
  }

  /** A page of subscriptions. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WebhookPage(
      @Schema(description = "The webhooks, newest first") List<WebhookView> items,
      @Schema(
              description = "Give it as cursor for the next page; absent on the last page",
              example = "eyJzZXEiOjEyMzR9")
          String nextCursor) {}

  /** One line of a delivery log. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeliveryView(
      @Schema(description = "Also the webhook-id header: the same on every attempt") UUID id,
      @Schema(description = "The event delivered", example = "9a1c3e5f-7b2d-4e6f-8a0c-1d3e5f7a9b2c")
          String eventId,
      @Schema(description = "The event's type", example = "memory.added") String eventType,
      @Schema(description = "pending, delivered or failed (given up)", example = "delivered")
          String status,
      @Schema(description = "Attempts so far", example = "1") int attempts,
      @Schema(description = "The receiver's last HTTP status, if it answered", example = "200")
          Integer responseStatus,
      @Schema(description = "The last attempt's error, if any", example = "HTTP 502")
          String lastError,
      @Schema(description = "When the delivery was queued", example = "2026-12-04T07:00:00Z")
          OffsetDateTime createdAt,
      @Schema(description = "When it is tried next, while pending") OffsetDateTime nextAttemptAt,
      @Schema(description = "When it was delivered") OffsetDateTime deliveredAt) {

    static DeliveryView of(WebhookDeliveryEntity d) {
      boolean pending = WebhookDeliveryEntity.PENDING.equals(d.status);
      return new DeliveryView(
          d.id,
          d.eventId,
          d.eventType,
          d.status,
          d.attempts,
          d.responseStatus,
          d.lastError,
          d.createdAt,
          pending ? d.nextAttemptAt : null,
          d.deliveredAt);
    }
  }

  /** A page of a delivery log. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeliveryPage(
      @Schema(description = "The deliveries, newest first") List<DeliveryView> items,
      @Schema(
              description = "Give it as cursor for the next page; absent on the last page",
              example = "eyJzZXEiOjEyMzR9")
          String nextCursor) {}
}
