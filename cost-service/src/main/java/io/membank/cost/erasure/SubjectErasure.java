package io.membank.cost.erasure;

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
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * cost-service's part of an erasure (issue 17). Usage is recorded per tenant, service, provider and
 * model; the only trace of a user in it is {@code usage_event.user_key}, a pseudonymous key anyone
 * knowing the user id can compute: set to null for the subject (the usage and its cost stay). No
 * other usage column names a person; the direct check proves it (no column of them is a user id).
 * The other person field is who last changed a budget of the tenant: pseudonymized when it is the
 * subject. The confirmation commits with it through the outbox; poison goes to {@code
 * governance.requests.dlq.cost-service}.
 */
@ApplicationScoped
public class SubjectErasure {

  static final String SERVICE = "cost-service";
  static final String ERASED = "erased-subject";

  /**
   * The usage tables' columns that could name a person: none (the check fails the erasure the day
   * one is added without erasing it here).
   */
  private static final String USAGE_ROWS_NAMING_SUBJECT =
      "select count(*) from s, information_schema.columns where table_schema = current_schema()"
          + " and table_name in ('usage_event', 'usage_hourly', 'usage_daily') and column_name in"
          + " ('user_id', 'subject', 'actor_id', 'owner_id', 'session_id')";

  /**
   * The ledger's pseudonymous key of the subject, as {@code UsageParser.userKey} makes it: SHA-256
   * of tenant, a zero byte and user id. Anyone who knows the user id can compute it, so it is
   * personal data: the erasure removes it (the usage itself, priced per tenant and model, stays).
   */
  private static final String SUBJECT_KEY =
      "encode(sha256(convert_to(s.t, 'UTF8') || '\\x00'::bytea || convert_to(s.u, 'UTF8')),"
          + " 'hex')";

  private static final String USAGE_KEYED_TO_SUBJECT =
      "select count(*) from s, usage_event where tenant_id = s.t and user_key = " + SUBJECT_KEY;

  private static final List<Target> TARGETS =
      List.of(
          Target.of(
              "postgres:membank_cost.usage_event, usage_hourly, usage_daily",
              USAGE_ROWS_NAMING_SUBJECT,
              // Nothing to erase: no usage column is about a user (see above).
              "update usage_event set priced = priced from s where false",
              USAGE_ROWS_NAMING_SUBJECT),
          Target.of(
              "postgres:membank_cost.budget",
              "select count(*) from s, budget where tenant_id = s.t and updated_by = s.u",
              "update budget set updated_by = '"
                  + ERASED
                  + "' from s where tenant_id = s.t and"
                  + " updated_by = s.u",
              "select count(*) from s, budget b where b.tenant_id = s.t and"
                  + " strpos(row_to_json(b)::text, '\"' || s.u || '\"') > 0"),
          Target.of(
              "postgres:membank_cost.usage_event.user_key",
              USAGE_KEYED_TO_SUBJECT,
              "update usage_event set user_key = null from s where tenant_id = s.t and user_key = "
                  + SUBJECT_KEY,
              USAGE_KEYED_TO_SUBJECT));

  private final AgroalDataSource dataSource;
  private final Outbox outbox;

  public SubjectErasure(AgroalDataSource dataSource, Outbox outbox) {
    this.dataSource = dataSource;
    this.outbox = outbox;
  }

  @Incoming("governance-requests")
  @Blocking
  public void consume(String record) {
    erase(ErasureRequested.parse(record));
  }

  /** Erases the subject's fields and queues the confirmation; returns it. */
  @Transactional
  @WithSpan("SubjectErasure.erase")
  public ErasureConfirmed erase(ErasureRequested request) {
    List<StoreCount> counts;
    try (Connection c = dataSource.getConnection()) {
      counts = SubjectRows.erase(c, request.tenantId(), request.subject(), TARGETS);
    } catch (SQLException e) {
      throw new IllegalStateException("erasing a subject failed", e);
    }
    ErasureConfirmed confirmed = request.confirm(SERVICE, counts);
    outbox.add(
        Topics.GOVERNANCE_RESULTS,
        request.tenantId(),
        EventTypes.GOVERNANCE_ERASURE_CONFIRMED,
        request.erasureId(),
        request.tenantId(),
        confirmed);
    return confirmed;
  }
}
