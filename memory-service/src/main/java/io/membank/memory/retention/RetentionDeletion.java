package io.membank.memory.retention;

import io.agroal.api.AgroalDataSource;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryEvent;
import io.membank.contracts.RetentionApplied;
import io.membank.contracts.RetentionApplied.RuleResult;
import io.membank.contracts.RetentionRequested;
import io.membank.contracts.Topics;
import io.membank.outbox.Outbox;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deletes the memories a retention pass says are past their time, in one transaction with their
 * delete events on {@code memory.events} (so search-service and graph-service drop them) and the
 * result on {@code governance.results} (outbox). A rule selects the tenant's memories stored before
 * its cutoff, narrowed to its scope (user: neither agent nor session; agent: an agent, no session;
 * session: a session) and to its data types (the privacy scan of the job that extracted the memory
 * found one of them); the {@code expires_at} rule selects those past their own expiry. Memories of
 * held subjects (all, under a tenant hold) are counted as kept, never deleted. Rows are deleted,
 * not soft-deleted: their history goes with them (foreign key cascade). Repeating a request deletes
 * nothing more.
 */
@ApplicationScoped
public class RetentionDeletion {

  static final String SERVICE = "memory-service";
  private static final int BATCH = 500;

  private final AgroalDataSource dataSource;
  private final Outbox outbox;

  public RetentionDeletion(AgroalDataSource dataSource, Outbox outbox) {
    this.dataSource = dataSource;
    this.outbox = outbox;
  }

  /** Applies every rule of the request and queues the result; returns it. */
  @Transactional
  @WithSpan("RetentionDeletion.apply")
  public RetentionApplied apply(RetentionRequested request) {
    List<RuleResult> results = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      for (RetentionRequested.Rule rule : request.rules()) {
        results.add(
            apply(c, request, rule.policyId(), Selection.of(rule), rule.cutoff().toInstant()));
      }
      if (request.expired()) {
        results.add(
            apply(
                c,
                request,
                RetentionRequested.EXPIRED_RULE,
                Selection.EXPIRED,
                request.asOf().toInstant()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("retention deletion failed", e);
    }
    RetentionApplied applied = request.applied(SERVICE, results);
    outbox.add(
        Topics.GOVERNANCE_RESULTS,
        request.tenantId(),
        EventTypes.GOVERNANCE_RETENTION_APPLIED,
        request.runId(),
        request.tenantId(),
        applied);
    return applied;
  }

  /** Which memories a rule selects: a where clause over {@code m} with its bound arguments. */
  record Selection(String where, List<String> dataTypes) {

    static final Selection EXPIRED =
        new Selection("m.tenant_id = ? and m.expires_at <= ?", List.of());

    static Selection of(RetentionRequested.Rule rule) {
      StringBuilder where = new StringBuilder("m.tenant_id = ? and m.created_at < ?");
      if (rule.scope() != null) {
        where.append(
            switch (rule.scope()) {
              case "user" -> " and m.agent_id is null and m.session_id is null";
              case "agent" -> " and m.agent_id is not null and m.session_id is null";
              case "session" -> " and m.session_id is not null";
              default -> throw new IllegalArgumentException("unknown scope " + rule.scope());
            });
      }
      List<String> types = rule.dataTypes() == null ? List.of() : rule.dataTypes();
      if (!types.isEmpty()) {
        // The privacy scan of the job the memory came from found a type of the policy's class.
        where.append(
            " and exists (select 1 from jobs j, jsonb_array_elements(coalesce(j.result"
                + " #> '{protection,found}', '[]'::jsonb)) f where j.tenant_id = m.tenant_id and"
                + " j.id::text = m.provenance->>'job_id' and f->>'data_type' = any(?))");
      }
      return new Selection(where.toString(), types);
    }
  }

  private RuleResult apply(
      Connection c, RetentionRequested request, String rule, Selection selection, Instant cutoff)
      throws SQLException {
    Array held = c.createArrayOf("text", request.heldSubjects().toArray());
    long kept =
        count(
            c,
            "select count(*) from memories m where "
                + selection.where()
                + (request.tenantHeld() ? "" : " and m.user_id = any(?)"),
            request,
            selection,
            cutoff,
            request.tenantHeld() ? null : held);
    if (request.tenantHeld()) {
      return new RuleResult(rule, 0, kept);
    }
    long erased = 0;
    while (true) {
      int deleted = deleteBatch(c, request, selection, cutoff, held);
      erased += deleted;
      if (deleted < BATCH) {
        break;
      }
    }
    return new RuleResult(rule, erased, kept);
  }

  private int deleteBatch(
      Connection c, RetentionRequested request, Selection selection, Instant cutoff, Array held)
      throws SQLException {
    String sql =
        "delete from memories where id in (select m.id from memories m where "
            + selection.where()
            + " and not (m.user_id = any(?)) limit "
            + BATCH
            + " for update skip locked) returning id, tenant_id, user_id, agent_id, session_id,"
            + " version, type, created_at, deleted_at";
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int n = 0;
    try (PreparedStatement delete = c.prepareStatement(sql)) {
      int i = bind(delete, request, selection, cutoff);
      delete.setArray(i, held);
      try (ResultSet r = delete.executeQuery()) {
        while (r.next()) {
          n++;
          if (r.getTimestamp(9) == null) {
            announce(r, now); // a soft-deleted memory was announced when it was deleted
          }
        }
      }
    }
    return n;
  }

  private void announce(ResultSet r, OffsetDateTime now) throws SQLException {
    String id = r.getObject(1, UUID.class).toString();
    String tenant = r.getString(2);
    MemoryEvent deleted =
        new MemoryEvent(
            id,
            tenant,
            r.getString(3),
            r.getString(4),
            r.getString(5),
            MemoryEvent.Operation.DELETED,
            r.getInt(6) + 1L,
            null,
            r.getString(7),
            null,
            null,
            null,
            null,
            now,
            r.getTimestamp(8).toInstant().atOffset(ZoneOffset.UTC),
            now,
            null,
            null,
            null);
    outbox.add(Topics.MEMORY_EVENTS, id, EventTypes.MEMORY_DELETED, id, tenant, deleted);
  }

  private static long count(
      Connection c,
      String sql,
      RetentionRequested request,
      Selection selection,
      Instant cutoff,
      Array held)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int i = bind(s, request, selection, cutoff);
      if (held != null) {
        s.setArray(i, held);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Binds tenant, cutoff and data types; returns the next parameter index. */
  private static int bind(
      PreparedStatement s, RetentionRequested request, Selection selection, Instant cutoff)
      throws SQLException {
    s.setString(1, request.tenantId());
    s.setTimestamp(2, Timestamp.from(cutoff));
    int i = 3;
    if (!selection.dataTypes().isEmpty()) {
      s.setArray(i++, s.getConnection().createArrayOf("text", selection.dataTypes().toArray()));
    }
    return i;
  }
}
