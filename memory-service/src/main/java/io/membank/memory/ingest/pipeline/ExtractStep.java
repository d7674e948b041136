package io.membank.memory.ingest.pipeline;

import io.membank.contracts.MemoryType;
import io.membank.llm.budget.BudgetRouter;
import io.membank.memory.extract.Candidate;
import io.membank.memory.extract.Exchange;
import io.membank.memory.extract.Extraction;
import io.membank.memory.extract.Extractor;
import io.membank.memory.ingest.JobInput;
import io.membank.memory.ingest.Turn;
import io.membank.memory.ingest.TurnContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Turns a job's (protected) input into candidate facts with the extractor chosen for the job. Runs
 * outside any transaction: a model call must not hold a database connection or the user's lock.
 */
@ApplicationScoped
public class ExtractStep {

  private final BudgetRouter<Extractor> router;

  ExtractStep(BudgetRouter<Extractor> router) {
    this.router = router;
  }

  /** Importance of a memory stored verbatim: the middle of the scale, nothing inferred. */
  static final double VERBATIM_IMPORTANCE = 0.5;

  /** Candidate facts of the job, with what the model calls cost and which extractor ran. */
  public Extracted extract(ClaimedJob job) {
    BudgetRouter.Routed<Extractor> routed = extractorFor(job);
    if (!job.input().extracts()) {
      // Nothing is extracted: no model call whatever the budget allows (reported as built-in).
      return new Extracted(
          verbatim(job.input()),
          new BudgetRouter.Routed<>(
              routed.choice(), BudgetRouter.Kind.BUILTIN, "verbatim", routed.extractor()));
    }
    return new Extracted(routed.extractor().extract(exchangeOf(job.input())), routed);
  }

  /** {@code infer: false}: the user's text as the one candidate, no model, no rules. */
  static Extraction verbatim(JobInput input) {
    return Extraction.offline(
        List.of(
            new Candidate(
                input.userText(), MemoryType.FACT, VERBATIM_IMPORTANCE, List.of(), null, null)),
        "none",
        "verbatim");
  }

  /**
   * The extractor for this job under its tenant's budget (cost.budgets): normal and warn → the
   * configured one; degrade → the cheaper model, or the built-in rules when none is configured;
   * stop → the built-in rules, no model call. The write is processed either way.
   */
  BudgetRouter.Routed<Extractor> extractorFor(ClaimedJob job) {
    return router.forTenant(job.tenantId());
  }

  /** What the extractor reads: the user's turns, the assistant's answer, earlier user turns. */
  static Exchange exchangeOf(JobInput input) {
    if (input.messages() != null) {
      StringBuilder user = new StringBuilder();
      StringBuilder assistant = new StringBuilder();
      for (Turn turn : input.messages()) {
        (turn.byUser() ? user : assistant).append(turn.content()).append('\n');
      }
      return new Exchange(user.toString(), assistant.toString(), List.of(), null);
    }
    TurnContext context = input.context();
    String userText = input.content();
    String assistantText = null;
    if (context != null && context.currentExchange() != null) {
      if (userText == null || userText.isBlank()) {
        userText = context.currentExchange().userMessage();
      }
      assistantText = context.currentExchange().assistantMessage();
    }
    List<String> recent =
        context == null || context.recentMessages() == null
            ? List.of()
            : context.recentMessages().stream().filter(Turn::byUser).map(Turn::content).toList();
    return new Exchange(
        userText, assistantText, recent, context == null ? null : context.rollingSummary());
  }
}
