package io.membank.memory.ingest.pipeline;

import io.membank.contracts.MemoryType;
import io.membank.memory.config.MemoryConfig;
import io.membank.memory.decide.Decision;
import io.membank.memory.decide.DecisionEngine;
import io.membank.memory.decide.Known;
import io.membank.memory.extract.Candidate;
import io.membank.memory.extract.Extraction;
import io.membank.memory.similar.SimilarMemories;
import io.membank.memory.store.AdvisoryLocks;
import io.membank.memory.store.MemoryEntity;
import io.membank.memory.store.MemoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides ADD / UPDATE / INVALIDATE / NOOP for each candidate, inside the job's completing
 * transaction and under the user's lock: two jobs of one user must not both add the same new fact.
 */
@ApplicationScoped
public class DecideStep {

  private final EntityManager em;
  private final MemoryRepository memories;
  private final MemoryConfig config;

  DecideStep(EntityManager em, MemoryRepository memories, MemoryConfig config) {
    this.em = em;
    this.memories = memories;
    this.config = config;
  }

  /**
   * Compares the candidates with the user's recent memories plus the older ones search-service
   * found similar — re-read here, under the lock: the database, not the read model, says what is
   * current.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Plan decide(ClaimedJob job, Extraction extraction, SimilarMemories.Lookup lookup) {
    AdvisoryLocks.lockForTransaction(em, job.tenantId() + "|" + job.userId());
    if (!job.input().extracts()) {
      return verbatim(extraction, lookup);
    }
    Map<UUID, MemoryEntity> compared = new LinkedHashMap<>();
    memories
        .currentOf(job.tenantId(), job.userId(), config.compareWithRecent())
        .forEach(m -> compared.put(m.id, m));
    int recent = compared.size();
    for (UUID id : lookup.ids()) {
      if (!compared.containsKey(id)) {
        MemoryEntity m = memories.current(job.tenantId(), job.userId(), id);
        if (m != null) {
          compared.put(m.id, m);
        }
      }
    }
    // Episodes (messages kept as they were said) are neither compared nor merged with facts.
    List<Known> current =
        compared.values().stream()
            .filter(m -> m.type != MemoryType.EPISODE)
            .map(m -> new Known(m.id, m.normalizedContent, m.slot, m.slotValue))
            .toList();
    List<Candidate> facts =
        extraction.candidates().stream().filter(c -> c.type() != MemoryType.EPISODE).toList();
    List<Decision> decisions =
        new ArrayList<>(
            new DecisionEngine(config.similarityThreshold())
                .decide(facts, current, job.input().mergeStrategy(), job.input().skipDuplicates()));
    extraction.candidates().stream()
        .filter(c -> c.type() == MemoryType.EPISODE)
        .forEach(
            c ->
                decisions.add(
                    new Decision(
                        Decision.Event.ADD,
                        c,
                        UUID.randomUUID(),
                        "episode: a message no fact came from, kept to be found")));
    return new Plan(decisions, lookup.source(), recent, compared.size() - recent);
  }

  /** {@code infer: false}: every candidate is added as it is, compared with nothing. */
  private static Plan verbatim(Extraction extraction, SimilarMemories.Lookup lookup) {
    return new Plan(
        extraction.candidates().stream()
            .map(
                c ->
                    new Decision(
                        Decision.Event.ADD, c, UUID.randomUUID(), "stored verbatim (infer false)"))
            .toList(),
        lookup.source(),
        0,
        0);
  }
}
