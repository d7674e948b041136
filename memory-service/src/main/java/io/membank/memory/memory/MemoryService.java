package io.membank.memory.memory;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryEvent;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.OwnerScope;
import io.membank.memory.audit.AuditTrail;
import io.membank.memory.config.MemoryConfig;
import io.membank.memory.decide.DecisionEngine;
import io.membank.memory.events.MemoryEventPublisher;
import io.membank.memory.metrics.BusinessMetrics;
import io.membank.memory.privacy.events.ProtectionRecords;
import io.membank.memory.privacy.service.PolicyUnknownException;
import io.membank.memory.privacy.service.TenantProtector;
import io.membank.memory.store.MemoryEntity;
import io.membank.memory.store.MemoryHistoryEntity;
import io.membank.memory.store.MemoryHistoryEntity.Reason;
import io.membank.memory.store.MemoryRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads, manual edits and deletes of memories, each audited and announced on the bus. */
@ApplicationScoped
public class MemoryService {

  private final MemoryRepository repository;
  private final MemoryEventPublisher events;
  private final AuditTrail audit;
  private final MemoryConfig config;
  private final TenantProtector protector;
  private final ProtectionRecords protection;
  private final MeterRegistry registry;

  MemoryService(
      MemoryRepository repository,
      MemoryEventPublisher events,
      AuditTrail audit,
      MemoryConfig config,
      TenantProtector protector,
      ProtectionRecords protection,
      MeterRegistry registry) {
    this.repository = repository;
    this.events = events;
    this.audit = audit;
    this.config = config;
    this.protector = protector;
    this.protection = protection;
    this.registry = registry;
  }

  /** The memory, if the scope admits its owner; 404 otherwise, as if it did not exist. */
  @WithSpan("MemoryService.get")
  @Transactional
  public MemoryEntity get(String tenant, OwnerScope scope, UUID id) {
    MemoryEntity m = find(tenant, scope, id);
    audit.record(
        AuditEvent.Action.ACCESS,
        "memory",
        id.toString(),
        m.userId,
        AuditEvent.Outcome.SUCCESS,
        Map.of());
    return m;
  }

  @WithSpan("MemoryService.list")
  @Transactional
  public MemoryRepository.PageOf list(String tenant, MemoryRepository.ListQuery query) {
    MemoryRepository.PageOf page = repository.list(tenant, query);
    audit.record(
        AuditEvent.Action.ACCESS,
        "user_memories",
        query.userId(),
        query.userId(),
        AuditEvent.Outcome.SUCCESS,
        Map.of("returned", page.items().size()));
    return page;
  }

  @WithSpan("MemoryService.history")
  @Transactional
  public List<MemoryHistoryEntity> history(String tenant, OwnerScope scope, UUID id) {
    MemoryEntity m = repository.findEver(tenant, id).orElseThrow(() -> notFound(id));
    if (!scope.admits(m.userId, m.agentId)) {
      throw notFound(id);
    }
    List<MemoryHistoryEntity> history = repository.history(tenant, id);
    audit.record(
        AuditEvent.Action.ACCESS,
        "memory_history",
        id.toString(),
        m.userId,
        AuditEvent.Outcome.SUCCESS,
        Map.of());
    return history;
  }

  /**
   * A manual edit: a new version with reason {@code edited}. The content and metadata go through
   * the tenant's privacy policy first, as every ingested write does: 422 when the policy blocks a
   * value in them, 503 while the policy is not known.
   */
  @WithSpan("MemoryService.edit")
  @Transactional
  public MemoryEntity edit(
      String tenant, OwnerScope scope, UUID id, MemoryEdit edit, String actor) {
    if (edit.content().length() > config.maxContentChars()) {
      throw ProblemException.badRequest(
          "content-too-long",
          "content has "
              + edit.content().length()
              + " characters; the limit is "
              + config.maxContentChars());
    }
    MemoryEntity m = find(tenant, scope, id);
    if (!m.isValid()) {
      throw ProblemException.conflict(
          "memory-invalidated",
          "Memory " + id + " was closed by a contradiction; add a new memory instead");
    }
    TenantProtector.Pass pass = open(tenant);
    String content = pass.text(edit.content());
    Map<String, Object> metadata = pass.metadata(edit.metadata());
    if (pass.blocked()) {
      throw new ProblemException(
          Problem.of(
              422,
              "blocked-by-privacy-policy",
              "Blocked by privacy policy",
              "The edit was not stored: " + pass.blockReason()));
    }
    String previous = m.content;
    m.content = content;
    m.normalizedContent = DecisionEngine.normalize(content);
    // The edit replaces what the memory says: the old message must not keep matching it.
    m.sourceText = null;
    if (metadata != null) {
      m.metadata = metadata;
    }
    m.version++;
    m.updatedAt = OffsetDateTime.now();
    repository.recordVersion(m, Reason.edited, previous, null, actor);
    events.publish(m, MemoryEvent.Operation.UPDATED, EventTypes.MEMORY_UPDATED);
    audit.record(
        AuditEvent.Action.MODIFY,
        "memory",
        id.toString(),
        m.userId,
        AuditEvent.Outcome.SUCCESS,
        Map.of("version", m.version));
    protection.ofEdit(tenant, id.toString(), m.userId, pass.protection());
    registry.counter(BusinessMetrics.MEMORIES_UPDATED).increment();
    return m;
  }

  private TenantProtector.Pass open(String tenant) {
    try {
      return protector.open(tenant);
    } catch (PolicyUnknownException e) {
      throw new ProblemException(
          Problem.of(
              503,
              "privacy-policy-unknown",
              "Service unavailable",
              "The edit cannot be protected yet (" + e.getMessage() + "); try again shortly"));
    }
  }

  @WithSpan("MemoryService.delete")
  @Transactional
  public void delete(String tenant, OwnerScope scope, UUID id, String actor) {
    MemoryEntity m = find(tenant, scope, id);
    softDelete(m, actor);
    audit.record(
        AuditEvent.Action.DELETE,
        "memory",
        id.toString(),
        m.userId,
        AuditEvent.Outcome.SUCCESS,
        Map.of());
  }

  /** Deletes every memory of a user (admin only); returns how many. */
  @WithSpan("MemoryService.deleteAllOf")
  @Transactional
  public int deleteAllOf(String tenant, String userId, String actor) {
    List<MemoryEntity> all = repository.undeletedOf(tenant, userId);
    all.forEach(m -> softDelete(m, actor));
    audit.record(
        AuditEvent.Action.DELETE,
        "user_memories",
        userId,
        userId,
        AuditEvent.Outcome.SUCCESS,
        Map.of("deleted", all.size()));
    return all.size();
  }

  private void softDelete(MemoryEntity m, String actor) {
    OffsetDateTime now = OffsetDateTime.now();
    m.deletedAt = now;
    if (m.validTo == null) {
      m.validTo = now;
    }
    m.version++;
    m.updatedAt = now;
    repository.recordVersion(m, Reason.deleted, m.content, null, actor);
    events.publish(m, MemoryEvent.Operation.DELETED, EventTypes.MEMORY_DELETED);
    registry.counter(BusinessMetrics.MEMORIES_DELETED).increment();
  }

  private MemoryEntity find(String tenant, OwnerScope scope, UUID id) {
    return repository
        .find(tenant, id)
        .filter(m -> scope.admits(m.userId, m.agentId))
        .orElseThrow(() -> notFound(id));
  }

  private static ProblemException notFound(UUID id) {
    return ProblemException.notFound("Memory", id.toString());
  }
}
