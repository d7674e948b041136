package io.membank.llm.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.BudgetDecision;
import io.membank.contracts.BudgetDecision.State;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest {@link BudgetDecision} per tenant as read from {@code cost.budgets}, and the model a
 * tenant's call may use under it. A tenant without a decision is in state normal (cost-service
 * publishes one only once a budget applies). Global budgets arrive folded into each tenant's
 * decision: cost-service decides the strictest of a tenant's own and the global budgets.
 *
 * <p>Thread-safe: the budget consumer applies decisions while job workers read them.
 */
public final class TenantBudgets {

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final TypeReference<CloudEvent<BudgetDecision>> ENVELOPE =
      new TypeReference<>() {};

  /** A tenant's state moved from {@code previous} to {@code decision.state()}. */
  public record Change(State previous, BudgetDecision decision) {

    /** The change as log fields: {@code tenant=… state=… previous=… version=…}. */
    public String logFields() {
      return "tenant=%s state=%s previous=%s version=%d"
          .formatted(
              decision.tenantId(), wire(decision.state()), wire(previous), decision.version());
    }
  }

  /** A state's wire name: {@code normal}, {@code warn}, {@code degrade}, {@code stop}. */
  public static String wire(State state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  private final Map<String, BudgetDecision> latest = new ConcurrentHashMap<>();

  /**
   * Reads one {@code cost.budgets} record value (a CloudEvent of type {@link
   * EventTypes#COST_BUDGET_DECIDED}).
   *
   * @throws IllegalArgumentException when it is not a readable decision (a poison record)
   */
  public static BudgetDecision parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("empty record");
    }
    CloudEvent<BudgetDecision> event;
    try {
      event = JSON.readValue(value, ENVELOPE);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a CloudEvent: " + e.getMessage(), e);
    }
    if (!EventTypes.COST_BUDGET_DECIDED.equals(event.type())) {
      throw new IllegalArgumentException("unexpected type " + event.type());
    }
    BudgetDecision d = event.data();
    if (d == null || d.tenantId() == null || d.tenantId().isBlank() || d.state() == null) {
      throw new IllegalArgumentException("decision without tenant_id or state");
    }
    if (event.tenantid() != null && !event.tenantid().equals(d.tenantId())) {
      throw new IllegalArgumentException("envelope tenant differs from the decision's");
    }
    return d;
  }

  /**
   * Keeps the decision unless one of the same or a higher version is held (redelivery, an older
   * record read late); the change of state it brings, if any.
   */
  public Optional<Change> apply(BudgetDecision decision) {
    State[] previous = new State[1];
    boolean[] kept = new boolean[1];
    latest.compute(
        decision.tenantId(),
        (tenant, held) -> {
          previous[0] = held == null ? State.NORMAL : held.state();
          if (held != null && held.version() >= decision.version()) {
            return held;
          }
          kept[0] = true;
          return decision;
        });
    if (!kept[0] || previous[0] == decision.state()) {
      return Optional.empty();
    }
    return Optional.of(new Change(previous[0], decision));
  }

  /** The decision held for the tenant, if any. */
  public Optional<BudgetDecision> decisionOf(String tenant) {
    return Optional.ofNullable(latest.get(tenant));
  }

  /** How many tenants have a decision held. */
  public int size() {
    return latest.size();
  }

  /**
   * The way the tenant's next call goes: normal and warn → the configured extractor; degrade → the
   * decision's {@code degrade_model}, else {@code degradedModel} (the service's configured cheaper
   * model), else the built-in rules; stop → the built-in rules.
   */
  public ModelChoice choose(String tenant, Optional<String> degradedModel) {
    BudgetDecision d = latest.get(tenant);
    State state = d == null ? State.NORMAL : d.state();
    return switch (state) {
      case NORMAL, WARN -> new ModelChoice(state, ModelChoice.Route.CONFIGURED, null);
      case DEGRADE -> {
        Optional<String> cheaper =
            Optional.ofNullable(d.degradeModel())
                .filter(m -> !m.isBlank())
                .or(() -> degradedModel.filter(m -> !m.isBlank()));
        yield cheaper
            .map(m -> new ModelChoice(state, ModelChoice.Route.CHEAPER_MODEL, m))
            .orElseGet(() -> new ModelChoice(state, ModelChoice.Route.BUILT_IN, null));
      }
      case STOP -> new ModelChoice(state, ModelChoice.Route.BUILT_IN, null);
    };
  }
}
