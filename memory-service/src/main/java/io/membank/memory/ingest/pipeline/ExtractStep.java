package io.membank.memory.ingest.pipeline;

import io.membank.contracts.MemoryType;
import io.membank.llm.budget.BudgetRouter;
import io.membank.memory.extract.BuiltInExtractor;
import io.membank.memory.extract.Candidate;
import io.membank.memory.extract.Exchange;
import io.membank.memory.extract.Extraction;
import io.membank.memory.extract.Extractor;
import io.membank.memory.extract.MessageSource;
import io.membank.memory.ingest.JobInput;
import io.membank.memory.ingest.Turn;
import io.membank.memory.ingest.TurnContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
    if (job.input().messages() != null && routed.kind() == BudgetRouter.Kind.BUILTIN) {
      return new Extracted(perMessage(routed.extractor(), job.input()), routed);
    }
    return new Extracted(routed.extractor().extract(exchangeOf(job.input())), routed);
  }

  /**
   * A conversation read one message at a time by the built-in rules (no model call, so nothing to
   * save): each user message with its own time (else the request's) and speaker, so relative dates
   * resolve against the day it was said, the speaker's first person is resolved to their name, and
   * every fact knows the message it came from. A fact said twice is proposed once; a message no
   * fact came from is kept as an {@link #episode episode}.
   */
  static Extraction perMessage(Extractor extractor, JobInput input) {
    List<Candidate> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String provider = "builtin";
    String model = BuiltInExtractor.MODEL;
    for (Turn turn : input.messages()) {
      if (!turn.byUser() || turn.content() == null || turn.content().isBlank()) {
        continue;
      }
      MessageSource source = sourceOf(turn, input);
      Extraction one =
          extractor.extract(
              new Exchange(
                  turn.content(), null, List.of(), null, source.speaker(), source.saidAt()));
      provider = one.provider();
      model = one.model();
      for (Candidate c : one.candidates()) {
        if (seen.add(c.content().toLowerCase(Locale.ROOT))) {
          candidates.add(c.from(source));
        }
      }
      if (one.candidates().isEmpty()) {
        candidates.add(episode(source));
      }
    }
    return Extraction.offline(candidates, provider, model);
  }

  /** Importance of an episode: a message kept only so that it stays findable. */
  static final double EPISODE_IMPORTANCE = 0.1;

  /**
   * A user message no fact came from, kept as it was said (with its speaker's name in front) so
   * that nothing the user said is lost: an episode is searchable but never compared or merged.
   */
  static Candidate episode(MessageSource source) {
    String text = source.text().strip();
    boolean chinese =
        text.codePoints()
            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    String content =
        source.speaker() == null || text.startsWith(source.speaker())
            ? text
            : source.speaker() + (chinese ? "：" : ": ") + text;
    return new Candidate(
            content,
            MemoryType.EPISODE,
            EPISODE_IMPORTANCE,
            source.speaker() == null ? List.of() : List.of(source.speaker()),
            null,
            null,
            source.speaker(),
            null)
        .from(source);
  }

  /** Where a user message's facts come from: its id, its time (else the request's), its speaker. */
  static MessageSource sourceOf(Turn turn, JobInput input) {
    String name = turn.name() == null || turn.name().isBlank() ? null : turn.name().strip();
    return new MessageSource(
        turn.id(),
        turn.timestamp() != null ? turn.timestamp() : input.timestamp(),
        name,
        turn.content());
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

  /**
   * What a model reads in one call: the user's turns (a named speaker's as {@code "Name: …"}, which
   * the built-in fallback reads as the speaker too), the assistant's answer, earlier user turns;
   * the request's time (else the latest message's) to resolve relative dates against.
   */
  static Exchange exchangeOf(JobInput input) {
    if (input.messages() != null) {
      StringBuilder user = new StringBuilder();
      StringBuilder assistant = new StringBuilder();
      for (Turn turn : input.messages()) {
        if (turn.byUser() && turn.name() != null && !turn.name().isBlank()) {
          user.append(turn.name().strip()).append(": ");
        }
        (turn.byUser() ? user : assistant).append(turn.content()).append('\n');
      }
      return new Exchange(
          user.toString(), assistant.toString(), List.of(), null, null, input.occurredAt());
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
        userText,
        assistantText,
        recent,
        context == null ? null : context.rollingSummary(),
        null,
        input.occurredAt());
  }
}
