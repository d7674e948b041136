package io.membank.audit.risk;

import io.membank.audit.chain.AuditEntry;
import io.membank.audit.config.AuditConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Counts failed and unauthorized attempts per tenant and actor in a window of event time around
 * each attempt, in a Redis sorted set (score = occurred_at, member = event id, so a redelivered
 * event is not counted twice). Around, not only before: attempts reach audit-service out of order
 * (a service appending its own refusals directly is faster than one relaying through Kafka), and
 * whichever attempt completes a burst must see it. One atomic script call per batch; batches
 * without failures never touch Redis.
 */
@ApplicationScoped
public class FailureBursts {

  private static final Logger LOG = Logger.getLogger(FailureBursts.class);

  /**
   * For each attempt in order: add it, drop what is far older than the window, count the attempts
   * within one window of it either side. Per attempt five arguments: score, member, lower bound
   * (exclusive), upper bound, cut-off; then the TTL.
   */
  private static final String SCRIPT =
      "local ttl = ARGV[#ARGV] local out = {}"
          + " for i = 1, #KEYS do local a = (i - 1) * 5"
          + "  redis.call('ZADD', KEYS[i], ARGV[a + 1], ARGV[a + 2])"
          + "  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', ARGV[a + 5])"
          + "  out[i] = redis.call('ZCOUNT', KEYS[i], ARGV[a + 3], ARGV[a + 4])"
          + "  redis.call('PEXPIRE', KEYS[i], ttl)"
          + " end return out";

  @Inject RedisDataSource redis;
  @Inject AuditConfig config;

  /** Isolates tests (and co-tenants of one Redis) from each other's keys. */
  @ConfigProperty(name = "membank.redis.key-prefix")
  Optional<String> keyPrefix;

  /**
   * Records failed attempts (in order, one round trip) and returns, for each, how many the actor
   * made within one window of it (before or after, as recorded so far); -1 each when Redis cannot
   * answer (the burst rule then does not match, and intake goes on).
   */
  public long[] record(List<AuditEntry> failures) {
    long[] counts = new long[failures.size()];
    if (failures.isEmpty()) {
      return counts;
    }
    long window = config.risk().burstWindow().toMillis();
    List<String> args = new ArrayList<>(2 + failures.size() * 6);
    args.add(SCRIPT);
    args.add(Integer.toString(failures.size()));
    for (AuditEntry e : failures) {
      args.add(keyPrefix.orElse("") + "audit:failures:" + e.tenantId() + ":" + actorKey(e));
    }
    for (AuditEntry e : failures) {
      long at = e.occurredAt().toEpochMilli();
      args.add(Long.toString(at));
      args.add(e.eventId());
      args.add("(" + (at - window));
      args.add("(" + (at + window));
      args.add(Long.toString(at - 2 * window));
    }
    args.add(Long.toString(2 * window));
    try {
      Response reply = redis.execute("EVAL", args.toArray(String[]::new));
      for (int i = 0; i < counts.length; i++) {
        counts[i] = reply.get(i).toLong();
      }
    } catch (RuntimeException e) {
      LOG.warnf("audit.risk.burst-unknown events=%d reason=%s", failures.size(), e.getMessage());
      Arrays.fill(counts, -1);
    }
    return counts;
  }

  private static String actorKey(AuditEntry event) {
    if (event.actor().id() != null) {
      return "actor:" + event.actor().id();
    }
    return event.ip() != null ? "ip:" + event.ip() : "anonymous";
  }
}
