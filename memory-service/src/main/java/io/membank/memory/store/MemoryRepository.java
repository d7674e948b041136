package io.membank.memory.store;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Tenant-scoped access to memories and their history: every query names the tenant. */
@ApplicationScoped
public class MemoryRepository {

  /** Sort fields a client may ask for, mapped to entity fields. */
  public static final Map<String, String> SORT_FIELDS =
      Map.of("created_at", "createdAt", "updated_at", "updatedAt", "importance", "importance");

  /** A page of memories and the total matching. */
  public record PageOf(List<MemoryEntity> items, long total) {}

  /** Filters of a listing. */
  public record ListQuery(
      String userId,
      String agentId,
      String sessionId,
      boolean includeInvalidated,
      OffsetDateTime asOf,
      String sortBy,
      boolean ascending,
      int limit,
      int offset) {}

  public Optional<MemoryEntity> find(String tenant, UUID id) {
    return MemoryEntity.<MemoryEntity>find(
            "tenantId = ?1 and id = ?2 and deletedAt is null", tenant, id)
        .firstResultOptional();
  }

  /** The user's current memories, newest first, bounded (what new facts are compared with). */
  public List<MemoryEntity> currentOf(String tenant, String userId, int max) {
    return MemoryEntity.<MemoryEntity>find(
            "tenantId = ?1 and userId = ?2 and deletedAt is null and validTo is null",
            Sort.descending("updatedAt"),
            tenant,
            userId)
        .page(Page.ofSize(max))
        .list();
  }

  /** The memory if it is the tenant's and user's and currently valid, else null. */
  public MemoryEntity current(String tenant, String userId, UUID id) {
    return MemoryEntity.<MemoryEntity>find(
            "id = ?1 and tenantId = ?2 and userId = ?3 and deletedAt is null and validTo is null",
            id,
            tenant,
            userId)
        .firstResult();
  }

  public PageOf list(String tenant, ListQuery q) {
    StringBuilder where = new StringBuilder("tenantId = :tenant and userId = :user");
    Parameters params = Parameters.with("tenant", tenant).and("user", q.userId());
    if (q.asOf() != null) {
      // What we knew at that moment: stored by then, valid then, not yet deleted then.
      where.append(
          " and createdAt <= :asOf and validFrom <= :asOf and (validTo is null or validTo > :asOf)"
              + " and (deletedAt is null or deletedAt > :asOf)");
      params.and("asOf", q.asOf());
    } else {
      where.append(" and deletedAt is null");
      if (!q.includeInvalidated()) {
        where.append(" and validTo is null");
      }
    }
    if (q.agentId() != null) {
      where.append(" and agentId = :agent");
      params.and("agent", q.agentId());
    }
    if (q.sessionId() != null) {
      where.append(" and sessionId = :session");
      params.and("session", q.sessionId());
    }
    String field = SORT_FIELDS.get(q.sortBy());
    Sort sort = (q.ascending() ? Sort.ascending(field) : Sort.descending(field)).and("id");
    var query = MemoryEntity.<MemoryEntity>find(where.toString(), sort, params);
    long total = query.count();
    List<MemoryEntity> items = query.range(q.offset(), q.offset() + q.limit() - 1).list();
    return new PageOf(items, total);
  }

  /** All of a user's memories that are not deleted yet (for a user-wide delete). */
  public List<MemoryEntity> undeletedOf(String tenant, String userId) {
    return MemoryEntity.list("tenantId = ?1 and userId = ?2 and deletedAt is null", tenant, userId);
  }

  public List<MemoryHistoryEntity> history(String tenant, UUID memoryId) {
    return MemoryHistoryEntity.list(
        "tenantId = ?1 and memoryId = ?2", Sort.ascending("version"), tenant, memoryId);
  }

  public boolean existsEver(String tenant, UUID memoryId) {
    return MemoryEntity.count("tenantId = ?1 and id = ?2", tenant, memoryId) > 0;
  }

  /** Records a version of the memory in its history. */
  public void recordVersion(
      MemoryEntity memory,
      MemoryHistoryEntity.Reason reason,
      String previousContent,
      UUID jobId,
      String actor) {
    MemoryHistoryEntity h = new MemoryHistoryEntity();
    h.memoryId = memory.id;
    h.tenantId = memory.tenantId;
    h.version = memory.version;
    h.reason = reason.name();
    h.previousContent = previousContent;
    h.content = memory.content;
    h.metadata = memory.metadata;
    h.jobId = jobId;
    h.actor = actor;
    h.changedAt = OffsetDateTime.now();
    h.persist();
  }
}
