package io.membank.llm.budget;

import io.membank.llm.ChatSettings;
import io.membank.llm.LlmConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Picks the extractor a tenant's work runs with under its budget (see {@link
 * TenantBudgets#choose}): the configured one, the same endpoint with a cheaper model, or the
 * built-in rules. A service with no model configured always runs the built-in rules, whatever the
 * budget says; the state is still reported.
 *
 * @param <E> the service's extractor type
 */
public final class BudgetRouter<E> {

  /** What actually runs, as reported in results ({@code usage.extractor}). */
  public enum Kind {
    /** The configured model. */
    MODEL,
    /** A cheaper model on the same endpoint, because of the budget. */
    DEGRADED_MODEL,
    /** The built-in rules: no model call. */
    BUILTIN;

    /** Wire name: {@code model}, {@code degraded_model}, {@code builtin}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The extractor chosen for one piece of work, and why. */
  public record Routed<E>(ModelChoice choice, Kind kind, String model, E extractor) {}

  private final TenantBudgets budgets;
  private final Optional<String> degradedModel;
  private final E configured;
  private final E builtIn;
  private final Optional<String> configuredModel;
  private final Function<String, E> cheaper;
  private final Map<String, E> cheaperByModel = new ConcurrentHashMap<>();

  /**
   * @param budgets the decisions read from {@code cost.budgets}
   * @param degradedModel the service's configured cheaper model ({@code
   *     membank.extractor.degraded-model}), used in degrade when the decision names none
   * @param configured the configured extractor
   * @param builtIn the built-in rules extractor
   * @param configuredModel the configured model, or empty when {@code configured} is the built-in
   *     one (then no model is ever called)
   * @param cheaper makes an extractor for the same endpoint with another model (made once per model
   *     and kept)
   */
  public BudgetRouter(
      TenantBudgets budgets,
      Optional<String> degradedModel,
      E configured,
      E builtIn,
      Optional<String> configuredModel,
      Function<String, E> cheaper) {
    this.budgets = budgets;
    this.degradedModel = degradedModel;
    this.configured = configured;
    this.builtIn = builtIn;
    this.configuredModel = configuredModel;
    this.cheaper = cheaper;
  }

  /**
   * The router of a service configured by {@code membank.llm.*} and {@code membank.extractor.*}:
   * the model path only when {@code membank.llm.extractor=openai}.
   *
   * @param configured the service's configured extractor
   * @param builtIn its built-in rules extractor
   * @param onModel makes the service's model extractor for chat settings (a cheaper model's)
   */
  public static <E> BudgetRouter<E> configured(
      TenantBudgets budgets,
      LlmConfig llm,
      BudgetedExtractorConfig config,
      E configured,
      E builtIn,
      Function<ChatSettings, E> onModel) {
    boolean model = "openai".equals(llm.extractor());
    return new BudgetRouter<>(
        budgets,
        config.degradedModel(),
        configured,
        builtIn,
        model ? Optional.of(llm.model()) : Optional.empty(),
        cheaper -> onModel.apply(llm.chatSettings().withModel(cheaper)));
  }

  /**
   * A router for a service without a model: the built-in rules for everyone, whatever the state.
   */
  public static <E> BudgetRouter<E> builtInOnly(TenantBudgets budgets, E builtIn) {
    return new BudgetRouter<>(
        budgets, Optional.empty(), builtIn, builtIn, Optional.empty(), model -> builtIn);
  }

  /** The extractor for the tenant's next piece of work. */
  public Routed<E> forTenant(String tenant) {
    ModelChoice choice = budgets.choose(tenant, degradedModel);
    if (configuredModel.isEmpty()) {
      return new Routed<>(choice, Kind.BUILTIN, null, builtIn);
    }
    return switch (choice.route()) {
      case CONFIGURED -> new Routed<>(choice, Kind.MODEL, configuredModel.get(), configured);
      case CHEAPER_MODEL ->
          new Routed<>(
              choice,
              Kind.DEGRADED_MODEL,
              choice.cheaperModel(),
              cheaperByModel.computeIfAbsent(choice.cheaperModel(), cheaper));
      case BUILT_IN -> new Routed<>(choice, Kind.BUILTIN, null, builtIn);
    };
  }
}
