package io.membank.memory.ingest.pipeline;

import io.membank.memory.config.MemoryConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Makes sure no accepted job waits forever: runs jobs whose Kafka event never arrived (e.g. Kafka
 * was down), jobs whose worker died (expired lease) and jobs waiting for their tenant's privacy
 * policy. Also publishes the queue depth.
 */
@ApplicationScoped
public class JobSweeper {

  private static final Logger LOG = Logger.getLogger(JobSweeper.class);

  /** Jobs waiting or running, as a gauge. */
  public static final String QUEUE_DEPTH = "memory_ingest_queue_depth";

  private final EntityManager em;
  private final JobProcessor processor;
  private final MemoryConfig config;
  private final MeterRegistry registry;
  private final AtomicLong queued = new AtomicLong();

  JobSweeper(
      EntityManager em, JobProcessor processor, MemoryConfig config, MeterRegistry registry) {
    this.em = em;
    this.processor = processor;
    this.config = config;
    this.registry = registry;
  }

  void registerGauge(@Observes StartupEvent event) {
    Gauge.builder(QUEUE_DEPTH, queued, AtomicLong::get)
        .description("Ingestion jobs waiting or running")
        .register(registry);
  }

  @Scheduled(
      every = "${membank.memory.sweep-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    List<UUID> stuck = stuckJobs();
    for (UUID id : stuck) {
      LOG.infof("memory.job.swept job_id=%s", id);
      processor.process(id);
    }
  }

  @Transactional
  @SuppressWarnings("unchecked")
  List<UUID> stuckJobs() {
    Number depth =
        (Number)
            em.createNativeQuery(
                    "select count(*) from jobs where status in ('queued', 'processing')")
                .getSingleResult();
    queued.set(depth.longValue());
    return em.createNativeQuery(
            "select id from jobs where (status = 'queued' and created_at < now() - make_interval(secs => :after))"
                // a job waiting for its tenant's privacy policy is tried again at every sweep
                + " or (status = 'queued' and starts_with(error, :waiting))"
                + " or (status = 'processing' and lease_until < now())"
                + " order by priority desc, created_at limit 100",
            UUID.class)
        .setParameter("after", (double) config.sweepAfter().toSeconds())
        .setParameter("waiting", JobLease.WAITING)
        .getResultList();
  }
}
