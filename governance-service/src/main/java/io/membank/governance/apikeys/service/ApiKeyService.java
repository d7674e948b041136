package io.membank.governance.apikeys.service;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.governance.apikeys.store.ApiKeyStore;
import io.membank.governance.apikeys.store.StoredKey;
import io.membank.governance.audit.AuditTrail;
import io.membank.http.ProblemException;
import io.membank.identity.Roles;
import io.membank.identity.apikey.ApiKeyFormat;
import io.membank.identity.apikey.ApiKeyHasher;
import io.membank.identity.apikey.LastUsedRecorder;
import io.membank.outbox.Outbox;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A tenant's API keys: create (the key is returned once, only its argon2id hash is kept), list,
 * rotate and revoke. Each change is stored and — in the same transaction — put in the outbox twice:
 * the key's whole {@code ApiKeyRecord} for {@code identity.keys} (compacted, keyed by key id),
 * which every service reads to verify keys, and an audit record for {@code audit.events}.
 */
@ApplicationScoped
public class ApiKeyService {

  /** Who asks: the admin's tenant, subject and roles. */
  public record Actor(String tenant, String subject, Set<String> roles) {}

  /** What a new key is for. */
  public record NewKey(
      String name, List<String> roles, String userId, String agentId, OffsetDateTime expiresAt) {}

  /** A key and when it was last used (null: never, or not flushed yet). */
  public record KeyInfo(StoredKey key, Instant lastUsedAt) {}

  /** A key just created or rotated, with its secret text (shown once). */
  public record Issued(KeyInfo key, String secretKey) {}

  /** A page of keys and the cursor of the next one (null on the last page). */
  public record Page(List<KeyInfo> keys, ApiKeyStore.After next) {}

  /**
   * The roles a key may grant: every role but {@code service}, which only the service key signs.
   */
  public static final Set<String> GRANTABLE =
      Set.of(Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.AUDITOR);

  private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
  private static final Pattern ID = Pattern.compile(io.membank.http.Ids.PATTERN);
  private static final int MAX_NAME = 100;

  private final ApiKeyStore store;
  private final Outbox outbox;
  private final AuditTrail audit;
  private final LastUsedRecorder lastUsed;
  private final ApiKeysConfig config;
  private final ApiKeyHasher.Cost cost;

  public ApiKeyService(
      ApiKeyStore store,
      Outbox outbox,
      AuditTrail audit,
      LastUsedRecorder lastUsed,
      ApiKeysConfig config) {
    this.store = store;
    this.outbox = outbox;
    this.audit = audit;
    this.lastUsed = lastUsed;
    this.config = config;
    this.cost = new ApiKeyHasher.Cost(config.hashMemoryKib(), config.hashIterations(), 1);
  }

  /** Creates a key; throws {@link InvalidKeyRequestException} before writing anything. */
  @Transactional
  @WithSpan("ApiKeyService.create")
  public Issued create(Actor by, NewKey request) {
    OffsetDateTime now = now();
    validate(by, request, now);
    if (store.lockAndCountActive(by.tenant(), now) >= config.maxActivePerTenant()) {
      throw ProblemException.conflict(
          "too-many-keys",
          "The tenant has "
              + config.maxActivePerTenant()
              + " active API keys, the most it may have: revoke one first");
    }
    String keyId = ApiKeyFormat.newKeyId();
    String secret = ApiKeyFormat.newSecret();
    StoredKey key =
        new StoredKey(
            keyId,
            by.tenant(),
            request.name().strip(),
            List.copyOf(new TreeSet<>(request.roles())),
            request.userId(),
            request.agentId(),
            request.expiresAt() == null
                ? null
                : request
                    .expiresAt()
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.MICROS),
            now,
            by.subject(),
            1,
            ApiKeyHasher.hash(secret, cost),
            null,
            null,
            null,
            null,
            null);
    store.insert(key);
    publish(key);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", key.name());
    details.put("roles", key.roles());
    if (key.userId() != null) {
      details.put("user_id", key.userId());
    }
    if (key.agentId() != null) {
      details.put("agent_id", key.agentId());
    }
    if (key.expiresAt() != null) {
      details.put("expires_at", key.expiresAt().toString());
    }
    audit(by, AuditEvent.Action.CREATE, key, details);
    LOG.infof("apikey.created key_id=%s tenant=%s roles=%s", keyId, by.tenant(), key.roles());
    return new Issued(new KeyInfo(key, null), ApiKeyFormat.format(keyId, secret));
  }

  /** A page of the tenant's keys, newest first. */
  @WithSpan("ApiKeyService.list")
  public Page list(String tenant, StoredKey.State state, ApiKeyStore.After after, int limit) {
    List<StoredKey> rows = store.page(tenant, state, now(), after, limit + 1);
    List<StoredKey> page = rows.size() > limit ? rows.subList(0, limit) : rows;
    Map<String, Instant> used = lastUsed.read(page.stream().map(StoredKey::keyId).toList());
    ApiKeyStore.After next =
        rows.size() > limit
            ? new ApiKeyStore.After(page.getLast().createdAt(), page.getLast().keyId())
            : null;
    return new Page(page.stream().map(k -> new KeyInfo(k, used.get(k.keyId()))).toList(), next);
  }

  /** One of the tenant's keys (404 otherwise). */
  @WithSpan("ApiKeyService.get")
  public KeyInfo get(String tenant, String keyId) {
    StoredKey key = store.find(tenant, keyId).orElseThrow(() -> notFound(keyId));
    return new KeyInfo(key, lastUsed.read(List.of(keyId)).get(keyId));
  }

  /**
   * Gives the key a new secret; the previous one keeps working for {@code grace} (the configured
   * default when null). A revoked or expired key cannot be rotated (409).
   */
  @Transactional
  @WithSpan("ApiKeyService.rotate")
  public Issued rotate(Actor by, String keyId, Duration grace) {
    Duration g = grace == null ? config.rotationGrace() : grace;
    if (g.isNegative() || g.compareTo(config.maxRotationGrace()) > 0) {
      throw new InvalidKeyRequestException(
          "grace_seconds",
          "grace_seconds must be between 0 and " + config.maxRotationGrace().toSeconds());
    }
    OffsetDateTime now = now();
    StoredKey key = store.lock(by.tenant(), keyId).orElseThrow(() -> notFound(keyId));
    if (key.state(now) != StoredKey.State.ACTIVE) {
      throw ProblemException.conflict(
          "key-not-active",
          "API key "
              + keyId
              + " is "
              + key.state(now).name().toLowerCase()
              + " and cannot be rotated");
    }
    String secret = ApiKeyFormat.newSecret();
    StoredKey rotated = key.rotated(ApiKeyHasher.hash(secret, cost), now, now.plus(g));
    store.update(rotated);
    publish(rotated);
    audit(
        by,
        AuditEvent.Action.MODIFY,
        rotated,
        Map.of("rotated", true, "grace_seconds", g.toSeconds()));
    LOG.infof("apikey.rotated key_id=%s tenant=%s grace=%s", keyId, by.tenant(), g);
    return new Issued(
        new KeyInfo(rotated, lastUsed.read(List.of(keyId)).get(keyId)),
        ApiKeyFormat.format(keyId, secret));
  }

  /** Revokes the key everywhere (idempotent: revoking a revoked key changes nothing). */
  @Transactional
  @WithSpan("ApiKeyService.revoke")
  public KeyInfo revoke(Actor by, String keyId) {
    StoredKey key = store.lock(by.tenant(), keyId).orElseThrow(() -> notFound(keyId));
    if (key.revokedAt() == null) {
      key = key.revoked(now(), by.subject());
      store.update(key);
      publish(key);
      audit(by, AuditEvent.Action.DELETE, key, Map.of("revoked", true));
      LOG.infof("apikey.revoked key_id=%s tenant=%s", keyId, by.tenant());
    }
    return new KeyInfo(key, lastUsed.read(List.of(keyId)).get(keyId));
  }

  private void validate(Actor by, NewKey request, OffsetDateTime now) {
    if (request.name() == null || request.name().isBlank()) {
      throw new InvalidKeyRequestException("name", "name is required");
    }
    if (request.name().strip().length() > MAX_NAME
        || request.name().codePoints().anyMatch(Character::isISOControl)) {
      throw new InvalidKeyRequestException(
          "name", "name must be at most " + MAX_NAME + " characters, without control characters");
    }
    if (request.roles() == null || request.roles().isEmpty()) {
      throw new InvalidKeyRequestException("roles", "roles must name at least one role");
    }
    for (String role : request.roles()) {
      if (role == null || !GRANTABLE.contains(role)) {
        throw new InvalidKeyRequestException(
            "roles",
            "unknown role "
                + quoted(role)
                + ": a key may grant "
                + String.join(", ", new TreeSet<>(GRANTABLE)));
      }
      if (!by.roles().contains(role)) {
        throw new InvalidKeyRequestException(
            "roles", "a key cannot grant the role " + role + ", which the caller does not have");
      }
    }
    checkId("user_id", request.userId());
    checkId("agent_id", request.agentId());
    if (request.expiresAt() != null) {
      if (!request.expiresAt().isAfter(now)) {
        throw new InvalidKeyRequestException("expires_at", "expires_at must be in the future");
      }
      if (request.expiresAt().isAfter(now.plus(config.maxLifetime()))) {
        throw new InvalidKeyRequestException(
            "expires_at",
            "expires_at must be within " + config.maxLifetime().toDays() + " days from now");
      }
    }
  }

  private static void checkId(String field, String value) {
    if (value != null && !ID.matcher(value).matches()) {
      throw new InvalidKeyRequestException(
          field, field + " must match " + io.membank.http.Ids.PATTERN);
    }
  }

  private static String quoted(String role) {
    return role == null
        ? "null"
        : "'" + (role.length() > 40 ? role.substring(0, 40) + "…" : role) + "'";
  }

  private void publish(StoredKey key) {
    outbox.add(
        Topics.IDENTITY_KEYS,
        key.keyId(),
        EventTypes.IDENTITY_KEY_PUBLISHED,
        key.keyId(),
        key.tenantId(),
        key.toRecord());
  }

  private void audit(
      Actor by, AuditEvent.Action action, StoredKey key, Map<String, Object> details) {
    audit.record(
        by.tenant(),
        by.subject(),
        by.roles(),
        action,
        new AuditEvent.Resource("api_key", key.keyId(), null),
        details);
  }

  private static ProblemException notFound(String keyId) {
    return ProblemException.notFound("API key", keyId);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
