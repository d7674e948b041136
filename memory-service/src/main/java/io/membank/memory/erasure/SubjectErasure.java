package io.membank.memory.erasure;

import io.agroal.api.AgroalDataSource;
import io.membank.contracts.ErasureConfirmed;
import io.membank.contracts.ErasureConfirmed.StoreCount;
import io.membank.contracts.ErasureRequested;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.outbox.Outbox;
import io.membank.outbox.SubjectRows;
import io.membank.outbox.SubjectRows.Target;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Erases a data subject of a tenant from memory-service's PostgreSQL: memories with their history,
 * jobs (their stored input) and import batches; counts before and after, checks directly, and puts
 * the confirmation in the outbox in the same transaction. Erasing what is already gone confirms
 * zeros, so a repeated request is harmless.
 */
@ApplicationScoped
public class SubjectErasure {

  static final String SERVICE = "memory-service";

  private static final List<Target> TARGETS =
      List.of(
          Target.of(
              "postgres:membank_memory.memory_history",
              "select count(*) from s, memory_history h join memories m on m.id = h.memory_id"
                  + " where m.tenant_id = s.t and m.user_id = s.u",
              "delete from memory_history h using s, memories m where m.id = h.memory_id"
                  + " and m.tenant_id = s.t and m.user_id = s.u",
              // Orphans too: history of the tenant whose memory no longer exists.
              "select count(*) from s, memory_history h where h.tenant_id = s.t and"
                  + " (h.memory_id in (select id from memories where tenant_id = s.t and"
                  + " user_id = s.u) or not exists (select 1 from memories m where m.id ="
                  + " h.memory_id))"),
          Target.of(
              "postgres:membank_memory.memories",
              "select count(*) from s, memories where tenant_id = s.t and user_id = s.u",
              "delete from memories using s where tenant_id = s.t and user_id = s.u",
              "select count(*) from s, memories where tenant_id = s.t and (user_id = s.u"
                  + " or provenance->>'user_id' = s.u)"),
          Target.of(
              "postgres:membank_memory.jobs",
              "select count(*) from s, jobs where tenant_id = s.t and user_id = s.u",
              "delete from jobs using s where tenant_id = s.t and user_id = s.u",
              "select count(*) from s, jobs where tenant_id = s.t and (user_id = s.u or"
                  + " request->>'user_id' = s.u)"),
          Target.of(
              "postgres:membank_memory.batches",
              "select count(*) from s, batches where tenant_id = s.t and user_id = s.u",
              "delete from batches using s where tenant_id = s.t and user_id = s.u",
              "select count(*) from s, batches b where b.tenant_id = s.t and (b.user_id ="
                  + " s.u or exists (select 1 from jobs j where j.batch_id = b.id and j.user_id"
                  + " = s.u))"));

  private final AgroalDataSource dataSource;
  private final Outbox outbox;

  public SubjectErasure(AgroalDataSource dataSource, Outbox outbox) {
    this.dataSource = dataSource;
    this.outbox = outbox;
  }

  /** Erases the subject and queues the confirmation; returns it. */
  @Transactional
  @WithSpan("SubjectErasure.erase")
  public ErasureConfirmed erase(ErasureRequested request) {
    String tenant = request.tenantId();
    String subject = request.subject();
    List<StoreCount> counts;
    try (Connection c = dataSource.getConnection()) {
      counts = SubjectRows.erase(c, tenant, subject, TARGETS);
    } catch (SQLException e) {
      throw new IllegalStateException("erasing a subject failed", e);
    }
    ErasureConfirmed confirmed = request.confirm(SERVICE, counts);
    outbox.add(
        Topics.GOVERNANCE_RESULTS,
        tenant,
        EventTypes.GOVERNANCE_ERASURE_CONFIRMED,
        request.erasureId(),
        tenant,
        confirmed);
    return confirmed;
  }
}
