package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Data of {@code governance.requests}: erase everything held about one data subject of one tenant.
 * Sent again (same {@code erasure_id}, next {@code attempt}) until every store confirmed, so a
 * consumer must be idempotent: erasing what is already gone confirms zero.
 *
 * @param erasureId the saga's id, echoed by every {@link ErasureConfirmed}
 * @param subject the data subject's user id
 * @param reason why: {@code request} (an admin's erasure) or {@code retention}
 */
public record ErasureRequested(
    @JsonProperty("erasure_id") String erasureId,
    @JsonProperty("tenant_id") String tenantId,
    String subject,
    String reason,
    int attempt,
    @JsonProperty("requested_at") OffsetDateTime requestedAt) {

  private static final TypeReference<CloudEvent<ErasureRequested>> EVENT = new TypeReference<>() {};

  /**
   * The erasure request in a {@code governance.requests} record; throws {@link
   * IllegalArgumentException} for anything else (a consumer's poison, for its dead-letter topic).
   */
  public static ErasureRequested parse(String record) {
    CloudEvent<ErasureRequested> event;
    try {
      event = EventJson.newMapper().readValue(record, EVENT);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a governance request: " + e.getMessage(), e);
    }
    if (event.data() == null || !event.data().isValidFor(event)) {
      throw new IllegalArgumentException("not a valid erasure request: " + event.id());
    }
    return event.data();
  }

  /** A confirmation of this request by a service, now. */
  public ErasureConfirmed confirm(String service, List<ErasureConfirmed.StoreCount> s) {
    return new ErasureConfirmed(
        erasureId, tenantId, subject, service, attempt, s, OffsetDateTime.now(ZoneOffset.UTC));
  }

  /** True when every field a consumer relies on is present and the tenant matches the envelope. */
  public boolean isValidFor(CloudEvent<?> envelope) {
    return erasureId != null
        && !erasureId.isBlank()
        && tenantId != null
        && !tenantId.isBlank()
        && tenantId.equals(envelope.tenantid())
        && subject != null
        && !subject.isBlank()
        && EventTypes.GOVERNANCE_ERASURE_REQUESTED.equals(envelope.type());
  }
}
