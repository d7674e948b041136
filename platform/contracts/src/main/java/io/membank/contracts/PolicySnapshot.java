package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Data of {@code governance.policies}: a tenant's whole privacy policy at one version (not a
 * change), so the latest record per key is all a consumer needs. Names are those of
 * platform/privacy ({@code DataType}, {@code DataClass}, {@code Region}, {@code Action}), upper
 * case.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicySnapshot(
    @JsonProperty("tenant_id") String tenantId,
    long version,
    String region,
    @JsonProperty("default_action") String defaultAction,
    List<Rule> rules,
    @JsonProperty("updated_at") OffsetDateTime updatedAt,
    @JsonProperty("updated_by") String updatedBy) {

  /** The record key of the policy for tenants without their own. */
  public static final String DEFAULT_KEY = "_default";

  /** One rule: a type or a data class (or neither: every type), an optional region, an action. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rule(
      String type, @JsonProperty("data_class") String dataClass, String region, String action) {}
}
