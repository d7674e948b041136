package io.membank.cost.budget;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.BudgetDecision.Period;
import io.membank.cost.audit.AuditTrail;
import io.membank.cost.config.CostConfig;
import io.membank.http.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Sets and removes budgets (audited) and re-evaluates the tenants they apply to at once. */
@ApplicationScoped
public class BudgetService {

  /** A budget as an admin sets it; null thresholds take the configured defaults. */
  public record Limits(
      BigDecimal limitUsd,
      BigDecimal warnAt,
      BigDecimal degradeAt,
      BigDecimal stopAt,
      String degradeModel) {}

  private final BudgetStore store;
  private final BudgetEvaluator evaluator;
  private final AuditTrail audit;
  private final CostConfig.Budgets defaults;

  BudgetService(BudgetStore store, BudgetEvaluator evaluator, AuditTrail audit, CostConfig config) {
    this.store = store;
    this.evaluator = evaluator;
    this.audit = audit;
    this.defaults = config.budgets();
  }

  /**
   * Creates or replaces the budget of a tenant (or the global one when {@code tenant} is null); the
   * audit record goes to {@code auditTenant}.
   */
  @WithSpan("BudgetService.set")
  public Budget set(
      String tenant, Period period, Limits limits, String auditTenant, AuditTrail.Actor actor) {
    Budget saved = save(tenant, period, limits, auditTenant, actor);
    reevaluate(tenant);
    return saved;
  }

  /** Removes a budget; 404 when there is none. */
  @WithSpan("BudgetService.delete")
  public void delete(String tenant, Period period, String auditTenant, AuditTrail.Actor actor) {
    remove(tenant, period, auditTenant, actor);
    reevaluate(tenant);
  }

  @Transactional
  Budget save(
      String tenant, Period period, Limits limits, String auditTenant, AuditTrail.Actor actor) {
    BigDecimal warn = or(limits.warnAt(), defaults.warnAt());
    BigDecimal degrade = or(limits.degradeAt(), defaults.degradeAt());
    BigDecimal stop = or(limits.stopAt(), defaults.stopAt());
    if (warn.compareTo(degrade) > 0 || degrade.compareTo(stop) > 0) {
      throw ProblemException.badRequest(
          "invalid-thresholds", "thresholds must satisfy warn_at <= degrade_at <= stop_at");
    }
    long version = store.find(tenant, period).map(b -> b.version() + 1).orElse(1L);
    Budget budget =
        new Budget(
            UUID.randomUUID(),
            tenant,
            period,
            limits.limitUsd(),
            warn,
            degrade,
            stop,
            limits.degradeModel(),
            version,
            actor.id(),
            OffsetDateTime.now(ZoneOffset.UTC));
    store.save(budget);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("scope", tenant == null ? "global" : "tenant");
    details.put("period", BudgetStore.name(period));
    details.put("limit_usd", budget.limitUsd());
    details.put("warn_at", warn);
    details.put("degrade_at", degrade);
    details.put("stop_at", stop);
    details.put("version", version);
    if (budget.degradeModel() != null) {
      details.put("degrade_model", budget.degradeModel());
    }
    audit.record(
        auditTenant, actor, AuditEvent.Action.ADMIN, "budget", resourceId(tenant, period), details);
    return store.find(tenant, period).orElseThrow();
  }

  @Transactional
  void remove(String tenant, Period period, String auditTenant, AuditTrail.Actor actor) {
    if (!store.delete(tenant, period)) {
      throw ProblemException.notFound("budget", resourceId(tenant, period));
    }
    audit.record(
        auditTenant,
        actor,
        AuditEvent.Action.DELETE,
        "budget",
        resourceId(tenant, period),
        Map.of("period", BudgetStore.name(period)));
  }

  private void reevaluate(String tenant) {
    if (tenant == null) {
      evaluator.recheck();
    } else {
      evaluator.evaluate(tenant, OffsetDateTime.now(ZoneOffset.UTC));
    }
  }

  private static String resourceId(String tenant, Period period) {
    return (tenant == null ? "global" : tenant) + "/" + BudgetStore.name(period);
  }

  private static BigDecimal or(BigDecimal value, double fallback) {
    return value != null ? value : BigDecimal.valueOf(fallback);
  }
}
