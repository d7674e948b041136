package io.membank.governance.apikeys.store;

import io.membank.contracts.ApiKeyRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** One row of {@code api_key}: a key's settings and the hashes of its secrets. */
public record StoredKey(
    String keyId,
    String tenantId,
    String name,
    List<String> roles,
    String userId,
    String agentId,
    OffsetDateTime expiresAt,
    OffsetDateTime createdAt,
    String createdBy,
    long version,
    String secretHash,
    String previousSecretHash,
    OffsetDateTime previousValidUntil,
    OffsetDateTime rotatedAt,
    OffsetDateTime revokedAt,
    String revokedBy) {

  /** What a key is now. */
  public enum State {
    ACTIVE,
    EXPIRED,
    REVOKED
  }

  /** The key's state at {@code now}. */
  public State state(OffsetDateTime now) {
    if (revokedAt != null) {
      return State.REVOKED;
    }
    return expiresAt != null && !now.isBefore(expiresAt) ? State.EXPIRED : State.ACTIVE;
  }

  /** The key with a new secret; the old one verifies until {@code graceEnd}. */
  public StoredKey rotated(String newHash, OffsetDateTime now, OffsetDateTime graceEnd) {
    boolean keepOld = graceEnd.isAfter(now);
    return new StoredKey(
        keyId,
        tenantId,
        name,
        roles,
        userId,
        agentId,
        expiresAt,
        createdAt,
        createdBy,
        version + 1,
        newHash,
        keepOld ? secretHash : null,
        keepOld ? graceEnd : null,
        now,
        revokedAt,
        revokedBy);
  }

  /** The key, revoked. */
  public StoredKey revoked(OffsetDateTime now, String by) {
    return new StoredKey(
        keyId,
        tenantId,
        name,
        roles,
        userId,
        agentId,
        expiresAt,
        createdAt,
        createdBy,
        version + 1,
        secretHash,
        previousSecretHash,
        previousValidUntil,
        rotatedAt,
        now,
        by);
  }

  /** The record every service verifies the key with ({@code identity.keys}). */
  public ApiKeyRecord toRecord() {
    List<ApiKeyRecord.Secret> secrets = new ArrayList<>();
    if (revokedAt == null) {
      secrets.add(new ApiKeyRecord.Secret(secretHash, null));
      if (previousSecretHash != null) {
        secrets.add(new ApiKeyRecord.Secret(previousSecretHash, previousValidUntil));
      }
    }
    return new ApiKeyRecord(
        keyId, tenantId, version, roles, userId, agentId, expiresAt, revokedAt != null, secrets);
  }
}
