package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Data of {@code governance.retention}: one tenant's share of a retention pass. For each rule, the
 * owning store deletes what was stored before {@code cutoff} (of the rule's data types and scope,
 * when it names them); with {@code expired}, also what is past its own {@code expires_at} as of
 * {@code asOf}. Nothing of a held subject is deleted, nothing at all under a tenant hold: those are
 * counted as kept. Sent again (same {@code run_id}, next attempt) until confirmed, so a consumer
 * must be idempotent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetentionRequested(
    @JsonProperty("run_id") String runId,
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("as_of") OffsetDateTime asOf,
    int attempt,
    List<Rule> rules,
    boolean expired,
    @JsonProperty("tenant_held") boolean tenantHeld,
    @JsonProperty("held_subjects") List<String> heldSubjects) {

  /** The rule name a store reports the {@code expires_at} deletions under. */
  public static final String EXPIRED_RULE = "expires_at";

  private static final TypeReference<CloudEvent<RetentionRequested>> EVENT =
      new TypeReference<>() {};

  /**
   * One policy version in force.
   *
   * @param policyId the policy (its results are reported under this id)
   * @param cutoff delete what was stored before this instant
   * @param dataTypes the privacy data types (platform/privacy {@code DataType} names) of the
   *     policy's data class; empty: any memory
   * @param scope {@code user}, {@code agent} or {@code session}; null: any
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rule(
      @JsonProperty("policy_id") String policyId,
      @JsonProperty("policy_version") int policyVersion,
      OffsetDateTime cutoff,
      @JsonProperty("data_types") List<String> dataTypes,
      String scope) {}

  /**
   * The request in a {@code governance.retention} record; throws {@link IllegalArgumentException}
   * for anything else (a consumer's poison, for its dead-letter topic).
   */
  public static RetentionRequested parse(String record) {
    CloudEvent<RetentionRequested> event;
    try {
      event = EventJson.newMapper().readValue(record, EVENT);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a retention request: " + e.getMessage(), e);
    }
    RetentionRequested r = event.data();
    if (r == null
        || !EventTypes.GOVERNANCE_RETENTION_REQUESTED.equals(event.type())
        || r.runId() == null
        || r.runId().isBlank()
        || r.tenantId() == null
        || !r.tenantId().equals(event.tenantid())
        || r.asOf() == null
        || r.rules() == null
        || r.heldSubjects() == null
        || r.rules().stream()
            .anyMatch(x -> x == null || x.policyId() == null || x.cutoff() == null)) {
      throw new IllegalArgumentException("not a valid retention request: " + event.id());
    }
    return r;
  }

  /** What a service answers for this request, now. */
  public RetentionApplied applied(String service, List<RetentionApplied.RuleResult> results) {
    return new RetentionApplied(
        runId, tenantId, service, attempt, results, OffsetDateTime.now(ZoneOffset.UTC));
  }
}
