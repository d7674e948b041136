package io.membank.memory.budget;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.BudgetDecision;
import io.membank.llm.budget.TenantBudgets;
import io.membank.memory.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, in PostgreSQL, the budget state this service last saw per tenant and audits each
 * change of it exactly once: the topic is read again at every start and by every instance, the row
 * lock and the version make the second reading a no-op.
 */
@ApplicationScoped
public class BudgetStateLog {

  /** Audit resource type of a tenant's budget state as memory-service obeys it. */
  static final String RESOURCE = "budget-state";

  private static final String NORMAL = wire(BudgetDecision.State.NORMAL);

  private final EntityManager em;
  private final AuditTrail audit;

  BudgetStateLog(EntityManager em, AuditTrail audit) {
    this.em = em;
    this.audit = audit;
  }

  /**
   * Records the decision if it is newer than the one seen; audits it when its state differs from
   * the state seen before (normal for a tenant never seen). Says whether it audited.
   */
  @Transactional
  public boolean record(BudgetDecision d) {
    em.createNativeQuery(
            "insert into budget_states (tenant_id, state, version) values (?1, ?2, 0)"
                + " on conflict (tenant_id) do nothing")
        .setParameter(1, d.tenantId())
        .setParameter(2, NORMAL)
        .executeUpdate();
    Object[] seen =
        (Object[])
            em.createNativeQuery(
                    "select state, version from budget_states where tenant_id = ?1 for update")
                .setParameter(1, d.tenantId())
                .getSingleResult();
    String previous = (String) seen[0];
    if (((Number) seen[1]).longValue() >= d.version()) {
      return false;
    }
    String state = wire(d.state());
    em.createNativeQuery(
            "update budget_states set state = ?2, version = ?3, seen_at = now()"
                + " where tenant_id = ?1")
        .setParameter(1, d.tenantId())
        .setParameter(2, state)
        .setParameter(3, d.version())
        .executeUpdate();
    if (state.equals(previous)) {
      return false;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", state);
    details.put("previous_state", previous);
    details.put("version", d.version());
    details.put("degrade_model", d.degradeModel());
    details.put("reason", d.reason());
    audit.recordSystem(
        d.tenantId(), AuditEvent.Action.MODIFY, RESOURCE, d.tenantId(), null, details);
    return true;
  }

  private static String wire(BudgetDecision.State state) {
    return TenantBudgets.wire(state);
  }
}
