package io.membank.governance.policy.api;

import io.membank.contracts.PolicySnapshot;
import io.membank.governance.policy.service.PolicyService.InForce;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The policy in force for the caller's tenant; {@code source} is {@code tenant} for its own policy
 * or {@code default} for the built-in one (version 0).
 */
public record PolicyResponse(
    String source,
    String tenantId,
    long version,
    String region,
    String defaultAction,
    List<PolicySnapshot.Rule> rules,
    OffsetDateTime updatedAt,
    String updatedBy) {

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
        p.updatedBy());
  }
}
