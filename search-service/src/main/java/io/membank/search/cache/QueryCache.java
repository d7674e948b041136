package io.membank.search.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Search answers cached in Redis, keyed by tenant + user + a hash of the whole request (query,
 * filters, limit, mode, validity). Invalidation is by generation: every change to a user's memories
 * bumps the user's generation number, which is part of every key, so older answers are never read
 * again and expire on their own. Redis trouble never fails a search: the cache is skipped.
 */
@ApplicationScoped
public class QueryCache {

  private static final Logger LOG = Logger.getLogger(QueryCache.class);

  @Inject RedisDataSource redis;
  @Inject MeterRegistry registry;
  @Inject ObjectMapper json;

  @ConfigProperty(name = "membank.redis.key-prefix")
  Optional<String> keyPrefix;

  @ConfigProperty(name = "membank.search.cache.enabled", defaultValue = "true")
  boolean enabled;

  @ConfigProperty(name = "membank.search.cache.ttl", defaultValue = "5m")
  Duration ttl;

  private Counter hits;
  private Counter misses;
  private Counter errors;

  @PostConstruct
  void metrics() {
    hits = requests(registry, "hit");
    misses = requests(registry, "miss");
    errors = requests(registry, "error");
    Gauge.builder(
            "search_cache_hit_ratio",
            this,
            c -> {
              double total = c.hits.count() + c.misses.count();
              return total == 0 ? 0 : c.hits.count() / total;
            })
        .description("Share of cacheable searches answered from the Redis query cache")
        .register(registry);
  }

  private static Counter requests(MeterRegistry registry, String result) {
    return Counter.builder("search_cache_requests")
        .tag("result", result)
        .description("Cacheable searches by outcome: hit, miss, or error (Redis away)")
        .register(registry);
  }

  /** Whether answers are cached ({@code membank.search.cache.enabled}). */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * A cache slot for this request. Its key is fixed now, with the user's current generation: an
   * answer computed after this point and stored under it can only be as old as the index was when
   * that generation began, since generations are bumped after index commits.
   */
  public Slot slot(String tenant, String userId, Object request) {
    if (!enabled) {
      return Slot.NONE;
    }
    try {
      return new Slot(key(tenant, userId, request));
    } catch (RuntimeException e) {
      errors.increment();
      LOG.debugf("search.cache.unavailable cause=%s", e.toString());
      return Slot.NONE;
    }
  }

  /** The cached answer in the slot, if any. */
  public <T> Optional<T> get(Slot slot, Class<T> type) {
    if (slot.key() == null) {
      return Optional.empty();
    }
    try {
      String cached = redis.value(String.class).get(slot.key());
      if (cached == null) {
        misses.increment();
        return Optional.empty();
      }
      hits.increment();
      return Optional.of(json.readValue(cached, type));
    } catch (RuntimeException | JsonProcessingException e) {
      errors.increment();
      LOG.debugf("search.cache.unavailable cause=%s", e.toString());
      return Optional.empty();
    }
  }

  /** Remembers the answer in the slot. */
  public void put(Slot slot, Object answer) {
    if (slot.key() == null) {
      return;
    }
    try {
      redis
          .value(String.class)
          .set(slot.key(), json.writeValueAsString(answer), new SetArgs().px(ttl.toMillis()));
    } catch (RuntimeException | JsonProcessingException e) {
      errors.increment();
      LOG.debugf("search.cache.unavailable cause=%s", e.toString());
    }
  }

  /** Where one request's answer is cached; {@link #NONE} when caching is off or Redis is away. */
  public record Slot(String key) {
    static final Slot NONE = new Slot(null);
  }

  /** Forgets every cached answer about these users ("tenant/user" pairs). */
  public void invalidate(Set<String> tenantUsers) {
    if (!enabled || tenantUsers.isEmpty()) {
      return;
    }
    try {
      for (String tenantUser : tenantUsers) {
        String gen = generationKey(tenantUser);
        redis.value(Long.class).incr(gen);
        redis.key().expire(gen, Duration.ofDays(7));
      }
    } catch (RuntimeException e) {
      // Answers may stay stale for up to the TTL; say so loudly.
      errors.increment();
      LOG.warnf("search.cache.invalidation_failed users=%d cause=%s", tenantUsers.size(), e);
    }
  }

  /**
   * The Redis keys holding anything of one user (cached answers and the generation), found with
   * SCAN (never KEYS): the erasure's count and its direct check.
   */
  public List<String> keysOf(String tenant, String userId) {
    List<String> keys = new ArrayList<>();
    String pattern = prefix() + "membank:search:q:" + glob(tenant) + ":" + glob(userId) + ":*";
    redis.key().scan(new KeyScanArgs().match(pattern).count(500)).toIterable().forEach(keys::add);
    String gen = generationKey(tenant + "/" + userId);
    if (redis.key().exists(gen)) {
      keys.add(gen);
    }
    return keys;
  }

  /** Deletes every cached answer and the generation of one user; returns how many keys. */
  public long purge(String tenant, String userId) {
    List<String> keys = keysOf(tenant, userId);
    return keys.isEmpty() ? 0 : redis.key().del(keys.toArray(String[]::new));
  }

  /** Escapes Redis glob characters, so a tenant or user id matches only itself. */
  private static String glob(String literal) {
    return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }

  private String key(String tenant, String userId, Object request) {
    Long generation = redis.value(Long.class).get(generationKey(tenant + "/" + userId));
    return prefix()
        + "membank:search:q:"
        + tenant
        + ":"
        + userId
        + ":"
        + (generation == null ? 0 : generation)
        + ":"
        + sha256(request);
  }

  private String generationKey(String tenantUser) {
    return prefix() + "membank:search:gen:" + tenantUser;
  }

  private String prefix() {
    return keyPrefix.orElse("");
  }

  private String sha256(Object request) {
    try {
      byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
