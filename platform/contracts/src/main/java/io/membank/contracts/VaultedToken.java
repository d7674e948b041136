package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/**
 * Data of {@code governance.vault}: a token a service wrote in place of a value, with the value
 * sealed under the tenant's keys (AES-GCM, key id inside), for governance-service's vault. The
 * token is derived from the value, so a repeated record is harmless.
 */
public record VaultedToken(
    @JsonProperty("tenant_id") String tenantId,
    String token,
    @JsonProperty("data_type") String dataType,
    String ciphertext,
    String service,
    @JsonProperty("occurred_at") OffsetDateTime occurredAt) {}
