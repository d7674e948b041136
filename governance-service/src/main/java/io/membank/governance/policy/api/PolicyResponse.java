package io.membank.governance.policy.api;

import io.membank.contracts.PolicySnapshot;
import io.membank.governance.policy.service.PolicyService.InForce;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The policy in force for the caller's tenant; {@code source} is {@code tenant} for its own policy
 * or {@code default} for the built-in one (version 0).
 */
public record PolicyResponse(
    @Schema(
            description =
                "tenant for the tenant's own policy, default for the built-in one (version 0)",
            example = "tenant")
        String source,
    @Schema(description = "The tenant", example = "acme") String tenantId,
    @Schema(
            description = "The policy's version, +1 per change (0: the built-in default)",
            example = "3")
        long version,
    @Schema(description = "The tenant's region", example = "EU") String region,
    @Schema(description = "What happens to personal data no rule names", example = "MASK")
        String defaultAction,
    @Schema(description = "The rules") List<PolicySnapshot.Rule> rules,
    @Schema(description = "When it last changed", example = "2026-12-04T07:00:00Z", nullable = true)
        OffsetDateTime updatedAt,
    @Schema(description = "Who last changed it", example = "admin", nullable = true)
        String updatedBy,
    @Schema(
            description =
                "Default expiry of the tenant's memories written without expires_at (absent: the"
                    + " deployment's default)",
            example = "P90D",
            nullable = true)
        String memoryDefaultTtl) {

  static PolicyResponse of(InForce inForce) {
    PolicySnapshot p = inForce.policy();
    return new PolicyResponse(
        inForce.tenantOwn() ? "tenant" : "default",
        p.tenantId(),
        p.version(),
        p.region(),
        p.defaultAction(),
        p.rules(),
        p.updatedAt(),
        p.updatedBy(),
        p.memoryDefaultTtl());
  }
}
