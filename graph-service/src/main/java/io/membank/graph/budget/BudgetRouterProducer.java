package io.membank.graph.budget;

import io.membank.graph.extract.BuiltInExtractor;
import io.membank.graph.extract.Extractor;
import io.membank.graph.extract.OpenAiExtractor;
import io.membank.llm.LlmConfig;
import io.membank.llm.OpenAiChatClient;
import io.membank.llm.budget.BudgetRouter;
import io.membank.llm.budget.BudgetedExtractorConfig;
import io.membank.llm.budget.TenantBudgets;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** The budget decisions held by this service, and the extractor each tenant's memory runs with. */
@ApplicationScoped
public class BudgetRouterProducer {

  private static final Logger LOG = Logger.getLogger(BudgetRouterProducer.class);

  @Produces
  @ApplicationScoped
  TenantBudgets tenantBudgets() {
    return new TenantBudgets();
  }

  @Produces
  @ApplicationScoped
  BudgetRouter<Extractor> router(
      TenantBudgets budgets,
      Extractor configured,
      LlmConfig llm,
      BudgetedExtractorConfig config,
      Tracer tracer) {
    LOG.infof(
        "graph.extractor.budgets degraded_model=%s", config.degradedModel().orElse("(builtin)"));
    return BudgetRouter.configured(
        budgets,
        llm,
        config,
        configured,
        new BuiltInExtractor(),
        settings ->
            new OpenAiExtractor(new OpenAiChatClient(settings, tracer), new BuiltInExtractor()));
  }
}
