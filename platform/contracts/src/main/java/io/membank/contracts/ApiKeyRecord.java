package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Data of {@code identity.keys}: one API key's whole verification state at one version (not a
 * change), so the latest record per key id is all a consumer needs. It carries argon2id hashes of
 * the secrets, never a secret.
 *
 * @param keyId the id in {@code mb_<key_id>_<secret>}
 * @param tenantId the tenant every request made with the key acts for
 * @param version increases with every change of the key; a consumer ignores older versions
 * @param roles the roles the key grants (never {@code service})
 * @param userId when set, the only {@code user_id} requests with the key may name
 * @param agentId when set, the only {@code agent_id} requests with the key may name
 * @param expiresAt when the key stops working, or null for a key without expiry
 * @param revoked whether the key was revoked (it then never works again)
 * @param secrets the hashes that verify: the current secret, and after a rotation the previous one
 *     until its {@code valid_until}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyRecord(
    @JsonProperty("key_id") String keyId,
    @JsonProperty("tenant_id") String tenantId,
    long version,
    List<String> roles,
    @JsonProperty("user_id") String userId,
    @JsonProperty("agent_id") String agentId,
    @JsonProperty("expires_at") OffsetDateTime expiresAt,
    boolean revoked,
    List<Secret> secrets) {

  /** One accepted secret, as its PHC-encoded argon2id hash, and until when it is accepted. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Secret(String hash, @JsonProperty("valid_until") OffsetDateTime validUntil) {}
}
