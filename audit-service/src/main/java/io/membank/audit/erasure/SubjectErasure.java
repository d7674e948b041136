package io.membank.audit.erasure;

import io.membank.audit.chain.AuditEntry;
import io.membank.audit.chain.ChainStore;
import io.membank.audit.shredding.SubjectKey;
import io.membank.audit.shredding.SubjectKeys;
import io.membank.contracts.ErasureConfirmed;
import io.membank.contracts.ErasureConfirmed.StoreCount;
import io.membank.contracts.ErasureRequested;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.outbox.Outbox;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * audit-service's part of an erasure (issue 17): the chain is append-only, so nothing is deleted
 * from it; the subject's key is destroyed instead (crypto-shredding), which leaves every record
 * sealed under it verifiable and its personal fields unreadable. Under the tenant's chain lock (no
 * append seals under the key meanwhile), in one transaction with the confirmation (outbox). Poison
 * goes to {@code governance.requests.dlq.audit-service}.
 */
@ApplicationScoped
public class SubjectErasure {

  private static final Logger LOG = Logger.getLogger(SubjectErasure.class);

  static final String KEYS = "postgres:membank_audit.subject_key";
  static final String SEALED = "postgres:membank_audit.audit_record (sealed fields)";
  static final String CLEAR = "postgres:membank_audit.audit_record (in clear, before sealing)";

  private final ChainStore chain;
  private final SubjectKeys keys;
  private final Outbox outbox;

  public SubjectErasure(ChainStore chain, SubjectKeys keys, Outbox outbox) {
    this.chain = chain;
    this.keys = keys;
    this.outbox = outbox;
  }

  @Incoming("governance-requests")
  @Blocking
  public void consume(String record) {
    erase(ErasureRequested.parse(record));
  }

  /** Destroys the subject's key and queues the confirmation; returns it. */
  @Transactional
  @WithSpan("SubjectErasure.erase")
  public ErasureConfirmed erase(ErasureRequested request) {
    String tenant = request.tenantId();
    String subject = request.subject();
    List<StoreCount> counts;
    try (Connection c = chain.connection()) {
      chain.lock(c, List.of(tenant));
      Optional<SubjectKey> key = keys.find(c, tenant, subject);
      long sealed = key.isEmpty() ? 0 : chain.countContaining(c, tenant, marker(key.get()));
      int destroyed = keys.destroy(c, tenant, subject);
      long keysLeft = keys.find(c, tenant, subject).isPresent() ? 1 : 0;
      // The direct check: a decryption attempt needs the key its records name; is it findable?
      long openable =
          key.isPresent() && !keys.byIds(c, tenant, Set.of(key.get().id())).isEmpty() ? sealed : 0;
      long clear = chain.countNamingInClear(c, tenant, subject);
      counts =
          List.of(
              new StoreCount(
                  KEYS, destroyed, keysLeft, "SQL count of the subject's key rows", keysLeft),
              new StoreCount(
                  SEALED,
                  sealed,
                  openable,
                  "decryption attempt: the key named by the subject's sealed records is looked up",
                  openable),
              new StoreCount(
                  CLEAR,
                  clear,
                  clear,
                  "SQL count of records naming the subject in actor_id or resource_owner_id"
                      + " (written before sealing; the chain forbids rewriting them)",
                  clear));
      LOG.infof(
          "audit.erasure tenant=%s erasure_id=%s keys_destroyed=%d records_shredded=%d"
              + " records_in_clear=%d",
          tenant, request.erasureId(), destroyed, sealed, clear);
    } catch (SQLException e) {
      throw new IllegalStateException("erasing a subject failed", e);
    }
    ErasureConfirmed confirmed = request.confirm(AuditEntry.SERVICE, counts);
    outbox.add(
        Topics.GOVERNANCE_RESULTS,
        tenant,
        EventTypes.GOVERNANCE_ERASURE_CONFIRMED,
        request.erasureId(),
        tenant,
        confirmed);
    return confirmed;
  }

  /** How a sealed group names its key in a canonical body. */
  private static String marker(SubjectKey key) {
    return "\"key\":\"" + key.id() + "\"";
  }
}
