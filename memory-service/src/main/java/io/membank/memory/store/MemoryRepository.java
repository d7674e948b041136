package io.membank.memory.store;

import io.membank.contracts.filter.FilterNode;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Tenant-scoped access to memories and their history: every query names the tenant. */
@ApplicationScoped
public class MemoryRepository {

  /** Sort fields a client may ask for, mapped to SQL expressions (never the client's text). */
  public static final Map<String, String> SORT_FIELDS =
      Map.of(
          "created_at", "created_at",
          "updated_at", "updated_at",
          "importance", "importance",
          "occurred_at", "coalesce(occurred_at, created_at)");

  /** The sort field keyset pagination walks. */
  public static final String CURSOR_SORT = "created_at";

  /** Not expired at {@code :now} (an HQL condition). */
  private static final String NOT_EXPIRED = " and (expiresAt is null or expiresAt > :now)";

  private final EntityManager em;

  MemoryRepository(EntityManager em) {
    this.em = em;
  }

  /**
   * A page of memories, the total matching, and where the next page starts (keyset on created_at,
   * id; null on the last page or when sorted by another field).
   */
  public record PageOf(List<MemoryEntity> items, long total, ListCursor next) {}

  /**
   * Filters of a listing.
   *
   * @param filter the parsed filter tree ({@link FilterNode#NONE} for none)
   * @param cursor where the previous page ended, or null (then {@code offset} applies)
   */
  public record ListQuery(
      String userId,
      String agentId,
      String sessionId,
      boolean includeInvalidated,
      OffsetDateTime asOf,
      String sortBy,
      boolean ascending,
      int limit,
      int offset,
      FilterNode filter,
      ListCursor cursor) {}

  /** The memory if it is the tenant's, not deleted and not expired. */
  public Optional<MemoryEntity> find(String tenant, UUID id) {
    return MemoryEntity.<MemoryEntity>find(
            "tenantId = :tenant and id = :id and deletedAt is null" + NOT_EXPIRED,
            Parameters.with("tenant", tenant).and("id", id).and("now", OffsetDateTime.now()))
        .firstResultOptional();
  }

  /** The user's current memories, newest first, bounded (what new facts are compared with). */
  public List<MemoryEntity> currentOf(String tenant, String userId, int max) {
    return MemoryEntity.<MemoryEntity>find(
            "tenantId = :tenant and userId = :user and deletedAt is null and validTo is null"
                + NOT_EXPIRED,
            Sort.descending("updatedAt"),
            Parameters.with("tenant", tenant).and("user", userId).and("now", OffsetDateTime.now()))
        .page(Page.ofSize(max))
        .list();
  }

  /** The memory if it is the tenant's and user's and currently valid, else null. */
  public MemoryEntity current(String tenant, String userId, UUID id) {
    return MemoryEntity.<MemoryEntity>find(
            "id = :id and tenantId = :tenant and userId = :user and deletedAt is null"
                + " and validTo is null"
                + NOT_EXPIRED,
            Parameters.with("id", id)
                .and("tenant", tenant)
                .and("user", userId)
                .and("now", OffsetDateTime.now()))
        .firstResult();
  }

  /** A page of the user's memories: validity, filters, sort, then offset or keyset. */
  @SuppressWarnings("unchecked")
  public PageOf list(String tenant, ListQuery q) {
    List<Object> params = new ArrayList<>();
    String where = where(tenant, q, params);
    Query count = em.createNativeQuery("select count(*) from memories where " + where);
    bind(count, params);
    long total = ((Number) count.getSingleResult()).longValue();

    String dir = q.ascending() ? "asc" : "desc";
    StringBuilder sql = new StringBuilder("select * from memories where ").append(where);
    if (q.cursor() != null) {
      params.add(q.cursor().createdAt());
      params.add(q.cursor().id());
      sql.append(" and (created_at, id) ")
          .append(q.ascending() ? ">" : "<")
          .append(" (?")
          .append(params.size() - 1)
          .append(", ?")
          .append(params.size())
          .append(")");
    }
    sql.append(" order by ")
        .append(SORT_FIELDS.get(q.sortBy()))
        .append(' ')
        .append(dir)
        .append(", id ")
        .append(dir);
    // One more than asked: whether there is a next page.
    Query page =
        em.createNativeQuery(sql.toString(), MemoryEntity.class)
            .setFirstResult(q.cursor() == null ? q.offset() : 0)
            .setMaxResults(q.limit() + 1);
    bind(page, params);
    List<MemoryEntity> items = new ArrayList<>(page.getResultList());
    boolean more = items.size() > q.limit();
    if (more) {
      items.remove(items.size() - 1);
    }
    ListCursor next = null;
    if (more && CURSOR_SORT.equals(q.sortBy()) && !items.isEmpty()) {
      MemoryEntity last = items.getLast();
      next = new ListCursor(last.createdAt, last.id, q.ascending());
    }
    return new PageOf(items, total, next);
  }

  /** The listing's condition; every value is a parameter appended to {@code params}. */
  private static String where(String tenant, ListQuery q, List<Object> params) {
    params.add(tenant);
    params.add(q.userId());
    StringBuilder where = new StringBuilder("tenant_id = ?1 and user_id = ?2");
    OffsetDateTime now = OffsetDateTime.now();
    if (q.asOf() != null) {
      // What we knew at that moment: stored by then, valid then, not yet deleted or expired then.
      params.add(q.asOf());
      int at = params.size();
      where
          .append(" and created_at <= ?")
          .append(at)
          .append(" and valid_from <= ?")
          .append(at)
          .append(" and (valid_to is null or valid_to > ?")
          .append(at)
          .append(")")
          .append(" and (deleted_at is null or deleted_at > ?")
          .append(at)
          .append(")")
          .append(" and (expires_at is null or expires_at > ?")
          .append(at)
          .append(")");
    } else {
      params.add(now);
      where
          .append(" and deleted_at is null and (expires_at is null or expires_at > ?")
          .append(params.size())
          .append(")");
      if (!q.includeInvalidated()) {
        where.append(" and valid_to is null");
      }
    }
    if (q.agentId() != null) {
      params.add(q.agentId());
      where.append(" and agent_id = ?").append(params.size());
    }
    if (q.sessionId() != null) {
      params.add(q.sessionId());
      where.append(" and session_id = ?").append(params.size());
    }
    if (q.filter() != null && !q.filter().isEmpty()) {
      where.append(" and (").append(new FilterSql(params).where(q.filter())).append(")");
    }
    return where.toString();
  }

  private static void bind(Query query, List<Object> params) {
    for (int i = 0; i < params.size(); i++) {
      query.setParameter(i + 1, params.get(i));
    }
  }

  /** All of a user's memories that are not deleted yet (for a user-wide delete). */
  public List<MemoryEntity> undeletedOf(String tenant, String userId) {
    return MemoryEntity.list("tenantId = ?1 and userId = ?2 and deletedAt is null", tenant, userId);
  }

  public List<MemoryHistoryEntity> history(String tenant, UUID memoryId) {
    return MemoryHistoryEntity.list(
        "tenantId = ?1 and memoryId = ?2", Sort.ascending("version"), tenant, memoryId);
  }

  /** The memory, deleted or expired ones included (their history stays readable). */
  public Optional<MemoryEntity> findEver(String tenant, UUID memoryId) {
    return MemoryEntity.<MemoryEntity>find("tenantId = ?1 and id = ?2", tenant, memoryId)
        .firstResultOptional();
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
