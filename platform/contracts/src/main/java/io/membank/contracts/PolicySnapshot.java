package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Data of {@code governance.policies}: a tenant's whole privacy policy at one version (not a
 * change), so the latest record per key is all a consumer needs. Names are those of
 * platform/privacy ({@code DataType}, {@code DataClass}, {@code Region}, {@code Action}), upper
 * case. It also carries the tenant's default expiry of memories ({@code memory_default_ttl}, an
 * ISO-8601 duration such as {@code P90D}), which memory-service applies to writes without {@code
 * expires_at}: the one per-tenant setting store that already travels to memory-service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicySnapshot(
    @JsonProperty("tenant_id") String tenantId,
    long version,
    String region,
    @JsonProperty("default_action") String defaultAction,
    List<Rule> rules,
    @JsonProperty("updated_at") OffsetDateTime updatedAt,
    @JsonProperty("updated_by") String updatedBy,
    @JsonProperty("memory_default_ttl") String memoryDefaultTtl) {

  /** A policy without a default expiry of memories (the deployment's default applies). */
  public PolicySnapshot(
      String tenantId,
      long version,
      String region,
      String defaultAction,
      List<Rule> rules,
      OffsetDateTime updatedAt,
      String updatedBy) {
    this(tenantId, version, region, defaultAction, rules, updatedAt, updatedBy, null);
  }

  /**
   * The default expiry as a duration, empty when the policy names none.
   *
   * @throws IllegalArgumentException when it is not a positive ISO-8601 duration ({@code P90D},
   *     {@code PT12H})
   */
  public Optional<Duration> memoryDefaultTtlDuration() {
    return Optional.ofNullable(memoryDefaultTtl).map(PolicySnapshot::parseTtl);
  }

  /**
   * A default expiry: a positive ISO-8601 duration of days, hours, minutes and seconds.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Duration parseTtl(String ttl) {
    Duration d;
    try {
      d = Duration.parse(ttl);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "memory_default_ttl must be an ISO-8601 duration such as P90D or PT12H, not " + ttl);
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("memory_default_ttl must be positive, not " + ttl);
    }
    return d;
  }

  /** The record key of the policy for tenants without their own. */
  public static final String DEFAULT_KEY = "_default";

  /** One rule: a type or a data class (or neither: every type), an optional region, an action. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rule(
      @Schema(description = "The data type the rule applies to", example = "EMAIL") String type,
      @Schema(description = "The data class it applies to instead", example = "PII")
          @JsonProperty("data_class")
          String dataClass,
      @Schema(description = "Only in this region", example = "EU") String region,
      @Schema(description = "What is done with a value", example = "TOKENIZE") String action) {}
}
