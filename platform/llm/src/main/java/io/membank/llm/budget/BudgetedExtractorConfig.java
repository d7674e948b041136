package io.membank.llm.budget;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The {@code membank.extractor.*} keys of a service whose model calls obey budgets. */
@ConfigMapping(prefix = "membank.extractor")
public interface BudgetedExtractorConfig {

  /**
   * The cheaper model (same OpenAI-compatible endpoint as {@code membank.llm.model}) a tenant in
   * budget state degrade is switched to when its budget names none; unset: the built-in rules.
   */
  Optional<String> degradedModel();
}
