package io.membank.audit.delivery;

import io.membank.audit.config.AuditConfig;
import io.membank.outbox.SingleDrainer;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends queued deliveries: claims a batch (a lease on each row, so several instances share the
 * queue and a crashed attempt is retried), sends outside any transaction, then records the outcome
 * — delivered, retried later with exponential back-off, or given up.
 */
@ApplicationScoped
public class DeliveryWorker {

  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

  /** How long a claimed delivery stays invisible to other workers while it is being sent. */
  private static final Duration LEASE = Duration.ofMinutes(2);

  @Inject EntityManager em;
  @Inject AuditConfig config;
  @Inject Instance<DeliveryChannel> channels;

  private volatile Map<String, DeliveryChannel> byName;
  private SingleDrainer drainer;

  /** One drainer at a time (platform/outbox SingleDrainer); full batches are taken back to back. */
  @PostConstruct
  void createDrainer() {
    drainer = new SingleDrainer("audit.delivery", config.delivery().batchSize(), this::round);
  }

  /** Runs right after a transaction that queued deliveries commits: alerts leave at once. */
  void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveryQueue.Enqueued e) {
    drainer.drainInBackground();
  }

  /** Safety net and retries: picks up whatever is due. */
  @Scheduled(
      every = "${membank.audit.delivery.poll-every:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    drainQuietly();
  }

  void drainQuietly() {
    drainer.drain();
  }

  /** Claims and sends one batch; returns how many were claimed. */
  int round() {
    List<DeliveryEntity> claimed = claim();
    for (DeliveryEntity delivery : claimed) {
      DeliveryChannel channel = channel(delivery.channel);
      try {
        if (channel == null) {
          throw new DeliveryChannel.DeliveryException("no channel " + delivery.channel, true);
        }
        channel.deliver(delivery);
        delivered(delivery.id);
      } catch (DeliveryChannel.DeliveryException e) {
        failed(delivery.id, e);
      } catch (RuntimeException e) {
        failed(delivery.id, new DeliveryChannel.DeliveryException(e.toString(), false, e));
      }
    }
    return claimed.size();
  }

  @Transactional
  @SuppressWarnings("unchecked")
  List<DeliveryEntity> claim() {
    List<DeliveryEntity> due =
        em.createNativeQuery(
                "select * from delivery where status = 'pending' and next_attempt_at <= now()"
                    + " order by next_attempt_at limit :n for update skip locked",
                DeliveryEntity.class)
            .setParameter("n", config.delivery().batchSize())
            .getResultList();
    OffsetDateTime leaseEnd = OffsetDateTime.now().plus(LEASE);
    for (DeliveryEntity d : due) {
      d.attempts++;
      d.nextAttemptAt = leaseEnd;
    }
    return due;
  }

  @Transactional
  void delivered(UUID id) {
    DeliveryEntity d = DeliveryEntity.findById(id);
    d.status = DeliveryEntity.DELIVERED;
    d.deliveredAt = OffsetDateTime.now();
    d.lastError = null;
    LOG.infof("audit.delivery.sent id=%s channel=%s attempts=%d", d.id, d.channel, d.attempts);
  }

  @Transactional
  void failed(UUID id, DeliveryChannel.DeliveryException error) {
    DeliveryEntity d = DeliveryEntity.findById(id);
    d.lastError = String.valueOf(error.getMessage());
    if (error.permanent() || d.attempts >= config.delivery().maxAttempts()) {
      d.status = DeliveryEntity.FAILED;
      LOG.errorf(
          "audit.delivery.gave-up id=%s channel=%s attempts=%d error=%s",
          d.id, d.channel, d.attempts, d.lastError);
      return;
    }
    d.nextAttemptAt = OffsetDateTime.now().plus(backoff(d.attempts));
    LOG.warnf(
        "audit.delivery.retry id=%s channel=%s attempts=%d next=%s error=%s",
        d.id, d.channel, d.attempts, d.nextAttemptAt, d.lastError);
  }

  /** initial × 2^(attempts−1), at most the configured maximum. */
  Duration backoff(int attempts) {
    Duration initial = config.delivery().initialBackoff();
    Duration max = config.delivery().maxBackoff();
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    Duration delay = initial.multipliedBy(1L << doublings);
    return delay.compareTo(max) > 0 ? max : delay;
  }

  private DeliveryChannel channel(String name) {
    if (byName == null) {
      Map<String, DeliveryChannel> map = new HashMap<>();
      channels.forEach(c -> map.put(c.name(), c));
      byName = map;
    }
    return byName.get(name);
  }
}
