package io.membank.identity.apikey;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ZAddArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * When each API key was last used, across the suite: a request only notes the time in memory; every
 * {@link ApiKeyConfig#lastUsedFlushInterval()} the notes go to one Redis sorted set (member = key
 * id, score = epoch milliseconds) in one {@code ZADD GT}, which keeps the latest time whichever
 * service writes last.
 */
@ApplicationScoped
public class LastUsedRecorder {

  /** The Redis sorted set of last-used times. */
  public static final String REDIS_KEY = "membank:apikeys:last-used";

  private static final Logger LOG = Logger.getLogger(LastUsedRecorder.class);

  private final RedisDataSource redis;
  private final ApiKeyConfig config;
  private final Map<String, Long> pending = new ConcurrentHashMap<>();
  private ScheduledExecutorService flusher;

  LastUsedRecorder(RedisDataSource redis, ApiKeyConfig config) {
    this.redis = redis;
    this.config = config;
  }

  void start(@Observes StartupEvent start) {
    if (!config.enabled()) {
      return;
    }
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("api-key-last-used").unstarted(r));
    long every = config.lastUsedFlushInterval().toMillis();
    flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent stop) {
    if (flusher != null) {
      flusher.shutdownNow();
      flushQuietly();
    }
  }

  /** Notes that the key was used at {@code at} (memory only). */
  public void touch(String keyId, Instant at) {
    pending.merge(keyId, at.toEpochMilli(), Math::max);
  }

  /** Writes the noted times to Redis in one command. */
  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Map<String, Double> batch = new HashMap<>();
    for (String keyId : new ArrayList<>(pending.keySet())) {
      Long at = pending.remove(keyId);
      if (at != null) {
        batch.put(keyId, at.doubleValue());
      }
    }
    try {
      sortedSet().zadd(REDIS_KEY, new ZAddArgs().gt(), batch);
    } catch (RuntimeException e) {
      // Put them back: the next flush tries again, and a newer use wins in the merge.
      batch.forEach((keyId, at) -> pending.merge(keyId, at.longValue(), Math::max));
      throw e;
    }
  }

  /** The last-used times known in Redis for the keys (keys never used are absent). */
  public Map<String, Instant> read(Collection<String> keyIds) {
    if (keyIds.isEmpty()) {
      return Map.of();
    }
    List<String> ids = List.copyOf(keyIds);
    List<OptionalDouble> scores = sortedSet().zmscore(REDIS_KEY, ids.toArray(String[]::new));
    Map<String, Instant> times = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      OptionalDouble score = scores.get(i);
      if (score != null && score.isPresent()) {
        times.put(ids.get(i), Instant.ofEpochMilli((long) score.getAsDouble()));
      }
    }
    return times;
  }

  private SortedSetCommands<String, String> sortedSet() {
    return redis.sortedSet(String.class);
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warnf("apikey.last_used.unflushed keys=%d reason=%s", pending.size(), e.toString());
    }
  }
}
