package io.membank.governance.apikeys.api;

import io.membank.governance.apikeys.service.ApiKeyService;
import io.membank.governance.apikeys.store.StoredKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The wire shapes of {@code /api/v1/keys} (snake_case JSON). */
public final class ApiKeyDtos {

  private ApiKeyDtos() {}

  /** A key to create. */
  public record CreateKeyRequest(
      @Schema(
              description = "What the key is for, e.g. the application using it",
              example = "crm-sync",
              maxLength = 100)
          String name,
      @Schema(
              description =
                  "Roles the key grants: reader, writer, admin, auditor; each one the caller has")
          List<String> roles,
      @Schema(
              description = "When set, the only user_id requests with the key may name",
              example = "alice")
          String userId,
      @Schema(
              description = "When set, the only agent_id requests with the key may name",
              example = "support-bot")
          String agentId,
      @Schema(
              description = "When the key stops working (RFC 3339); none: it works until revoked",
              example = "2027-06-30T00:00:00Z",
              format = "date-time")
          String expiresAt) {}

  /** How to rotate a key. */
  public record RotateKeyRequest(
      @Schema(
              description =
                  "How long the previous secret keeps working, in seconds (default: the"
                      + " service's, 24 h; 0: stops at once)",
              example = "3600")
          Long graceSeconds) {}

  /** A key as listed: never its secret. */
  public record ApiKeyView(
      @Schema(description = "The key's id (the part after mb_ in the key)", example = "k3x9q2")
          String id,
      @Schema(description = "What the key is for", example = "crm-sync") String name,
      @Schema(
              description = "The roles requests with the key carry",
              example = "[\"reader\", \"writer\"]")
          List<String> roles,
      @Schema(
              description = "When set, the only user_id requests with the key may name",
              example = "alice",
              nullable = true)
          String userId,
      @Schema(
              description = "When set, the only agent_id requests with the key may name",
              example = "support-bot",
              nullable = true)
          String agentId,
      @Schema(
              description = "active, expired or revoked",
              example = "active",
              enumeration = {"active", "expired", "revoked"})
          String state,
      @Schema(description = "When it was created", example = "2026-12-04T07:00:00Z")
          OffsetDateTime createdAt,
      @Schema(description = "Who created it", example = "admin") String createdBy,
      @Schema(description = "When it stops working, if it expires", nullable = true)
          OffsetDateTime expiresAt,
      @Schema(
              description =
                  "Last request made with the key (batched: up to a minute late); null: never used",
              example = "2026-12-04T07:00:00Z",
              nullable = true)
          Instant lastUsedAt,
      @Schema(description = "When it was last rotated", nullable = true) OffsetDateTime rotatedAt,
      @Schema(
              description =
                  "Until when the secret before the last rotation still works; null: no such secret",
              nullable = true)
          OffsetDateTime previousSecretValidUntil,
      @Schema(description = "When it was revoked", nullable = true) OffsetDateTime revokedAt,
      @Schema(description = "Who revoked it", example = "admin", nullable = true)
          String revokedBy) {

    static ApiKeyView of(ApiKeyService.KeyInfo info, OffsetDateTime now) {
      StoredKey k = info.key();
      boolean graceLeft = k.previousValidUntil() != null && k.previousValidUntil().isAfter(now);
      return new ApiKeyView(
          k.keyId(),
          k.name(),
          k.roles(),
          k.userId(),
          k.agentId(),
          k.state(now).name().toLowerCase(),
          k.createdAt(),
          k.createdBy(),
          k.expiresAt(),
          info.lastUsedAt(),
          k.rotatedAt(),
          graceLeft && k.revokedAt() == null ? k.previousValidUntil() : null,
          k.revokedAt(),
          k.revokedBy());
    }
  }

  /** A key just created or rotated: the only time its secret is shown. */
  public record IssuedKey(
      @Schema(
              description =
                  "The key, mb_<id>_<secret>: send it as Authorization: Bearer <key> or X-API-Key."
                      + " Shown once; MemBank keeps only a hash of it",
              example = "mb_7f3a9c2e_EXAMPLEONLYnotarealkey")
          String key,
      @Schema(description = "The key's settings and state") ApiKeyView apiKey) {}

  /** A page of keys, newest first. */
  public record KeyPage(
      @Schema(description = "The keys, newest first") List<ApiKeyView> items,
      @Schema(
              description = "Pass as cursor for the next page; null on the last page",
              example = "eyJhdCI6IjIwMjYtMTItMDRUMDc6MDA6MDBaIn0",
              nullable = true)
          String nextCursor) {}
}
