package io.membank.memory.ingest.pipeline;

import io.membank.llm.budget.BudgetRouter;
import io.membank.memory.extract.Extraction;
import io.membank.memory.extract.Extractor;

/**
 * What {@link ExtractStep} produced: the extraction, and the extractor the tenant's budget chose
 * for it.
 */
public record Extracted(Extraction extraction, BudgetRouter.Routed<Extractor> routed) {}
