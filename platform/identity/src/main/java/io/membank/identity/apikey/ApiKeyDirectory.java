package io.membank.identity.apikey;

import io.membank.contracts.ApiKeyRecord;
import io.membank.identity.CredentialProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every API key of every tenant, as the latest {@link ApiKeyRecord} read from {@code
 * identity.keys}, held in memory so that a request is verified without calling another service.
 * Verifying a secret costs an argon2id hash; a success is remembered (by a SHA-256 digest of the
 * secret, never the secret) for {@link ApiKeyConfig#verificationCacheTtl()}, and forgotten as soon
 * as a newer record of the key arrives: a revocation takes effect on the next request.
 */
@ApplicationScoped
public class ApiKeyDirectory {

  /** The outcome of verifying a presented key. */
  public sealed interface Verification {}

  /** The key verifies: act with this record's tenant, roles and scope. */
  public record Accepted(ApiKeyRecord key) implements Verification {}

  /** The key does not verify, and why. */
  public record Rejected(CredentialProblem problem) implements Verification {}

  private record Remembered(String digest, Instant secretValidUntil, Instant until) {}

  private final Map<String, ApiKeyRecord> keys = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Remembered>> remembered = new ConcurrentHashMap<>();
  private final AtomicInteger rememberedCount = new AtomicInteger();
  private final Duration cacheTtl;
  private final int cacheSize;

  @Inject
  ApiKeyDirectory(ApiKeyConfig config) {
    this(config.verificationCacheTtl(), config.verificationCacheSize());
  }

  /** A directory with the given verification cache (for tests and tools). */
  public ApiKeyDirectory(Duration cacheTtl, int cacheSize) {
    this.cacheTtl = cacheTtl;
    this.cacheSize = cacheSize;
  }

  /** Applies a record of {@code identity.keys}; null is a tombstone (the key is gone). */
  public void apply(String keyId, ApiKeyRecord record) {
    if (record == null) {
      keys.remove(keyId);
    } else {
      // Records of one key are in order on its partition; the version guards against replays.
      keys.merge(keyId, record, (old, now) -> now.version() >= old.version() ? now : old);
    }
    forget(keyId);
  }

  /** How many keys are known. */
  public int size() {
    return keys.size();
  }

  /** Verifies a presented key at {@code now}. */
  public Verification verify(ApiKeyFormat.Parts presented, Instant now) {
    ApiKeyRecord key = keys.get(presented.keyId());
    if (key == null) {
      return new Rejected(CredentialProblem.UNKNOWN_KEY);
    }
    if (key.revoked()) {
      return new Rejected(CredentialProblem.REVOKED);
    }
    if (key.expiresAt() != null && !now.isBefore(key.expiresAt().toInstant())) {
      return new Rejected(CredentialProblem.KEY_EXPIRED);
    }
    String digest = digest(presented.secret());
    Remembered hit = remembered.getOrDefault(key.keyId(), Map.of()).get(digest);
    if (hit != null && now.isBefore(hit.until()) && isValid(hit.secretValidUntil(), now)) {
      return new Accepted(key);
    }
    for (ApiKeyRecord.Secret secret : key.secrets()) {
      Instant validUntil = secret.validUntil() == null ? null : secret.validUntil().toInstant();
      if (isValid(validUntil, now) && ApiKeyHasher.verify(presented.secret(), secret.hash())) {
        remember(key, digest, validUntil, now);
        return new Accepted(key);
      }
    }
    return new Rejected(CredentialProblem.UNKNOWN_KEY);
  }

  private static boolean isValid(Instant validUntil, Instant now) {
    return validUntil == null || now.isBefore(validUntil);
  }

  private void remember(ApiKeyRecord key, String digest, Instant validUntil, Instant now) {
    if (rememberedCount.incrementAndGet() > cacheSize) {
      remembered.clear();
      rememberedCount.set(1);
    }
    remembered
        .computeIfAbsent(key.keyId(), id -> new ConcurrentHashMap<>())
        .put(digest, new Remembered(digest, validUntil, now.plus(cacheTtl)));
    // A record that arrived while the hash was being verified must not be shadowed by this entry.
    if (keys.get(key.keyId()) != key) {
      forget(key.keyId());
    }
  }

  private void forget(String keyId) {
    Map<String, Remembered> gone = remembered.remove(keyId);
    if (gone != null) {
      rememberedCount.addAndGet(-gone.size());
    }
  }

  private static String digest(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
