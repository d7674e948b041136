package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
      @Schema(description = "The data type the rule applies to", example = "EMAIL") String type,
      @Schema(description = "The data class it applies to instead", example = "PII")
          @JsonProperty("data_class")
          String dataClass,
      @Schema(description = "Only in this region", example = "EU") String region,
      @Schema(description = "What is done with a value", example = "TOKENIZE") String action) {}
}
