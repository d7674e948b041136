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
      @Schema(description = "Receiver (https; http and private addresses only where configured)")
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
      @Size(max = 500) String description) {}

  /** A subscription; {@code secret} only in the answer to its creation. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WebhookView(
      UUID id,
      String url,
      List<String> events,
      String description,
      @Schema(description = "active or disabled") String status,
      int consecutiveFailures,
      String disabledReason,
      @Schema(description = "Signing secret (whsec_…), shown once at creation") String secret,
      OffsetDateTime createdAt,
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
  public record WebhookPage(List<WebhookView> items, String nextCursor) {}

  /** One line of a delivery log. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeliveryView(
      @Schema(description = "Also the webhook-id header: the same on every attempt") UUID id,
      String eventId,
      String eventType,
      @Schema(description = "pending, delivered or failed (given up)") String status,
      int attempts,
      Integer responseStatus,
      String lastError,
      OffsetDateTime createdAt,
      OffsetDateTime nextAttemptAt,
      OffsetDateTime deliveredAt) {

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
  public record DeliveryPage(List<DeliveryView> items, String nextCursor) {}
}
