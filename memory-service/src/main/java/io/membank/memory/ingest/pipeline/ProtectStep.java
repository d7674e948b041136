package io.membank.memory.ingest.pipeline;

import io.membank.memory.ingest.JobInput;
import io.membank.memory.ingest.LatestExchange;
import io.membank.memory.ingest.Turn;
import io.membank.memory.ingest.TurnContext;
import io.membank.memory.privacy.service.BlockedByPolicyException;
import io.membank.memory.privacy.service.PolicyUnknownException;
import io.membank.memory.privacy.service.TenantProtector;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Protects what a job learns from before anything reads it (extraction, a model, the stores, the
 * logs, the bus): the content, the context (latest exchange, recent turns, summary), a
 * conversation's turns and every metadata value go through the tenant's privacy policy, so every
 * later step only ever sees the protected input.
 */
@ApplicationScoped
public class ProtectStep {

  private final TenantProtector protector;

  ProtectStep(TenantProtector protector) {
    this.protector = protector;
  }

  /**
   * The job with its input as policy allows it to be processed.
   *
   * @throws PolicyUnknownException when the tenant's policy is not known for certain (the job
   *     waits)
   * @throws BlockedByPolicyException when the policy blocks a value the input contains (the job
   *     fails; nothing is stored)
   */
  @WithSpan("ProtectStep.protect")
  public ClaimedJob protect(ClaimedJob job) {
    TenantProtector.Pass pass = protector.open(job.tenantId());
    JobInput in = job.input();
    JobInput safe =
        new JobInput(
            pass.text(in.content()),
            context(pass, in.context()),
            turns(pass, in.messages()),
            pass.metadata(in.metadata()),
            in.mergeStrategy(),
            in.skipDuplicates(),
            in.timestamp(),
            in.infer(),
            in.expiresAt());
    pass.refuseIfBlocked();
    return job.protectedAs(safe, pass.protection());
  }

  private static TurnContext context(TenantProtector.Pass pass, TurnContext context) {
    if (context == null) {
      return null;
    }
    LatestExchange latest = context.currentExchange();
    return new TurnContext(
        latest == null
            ? null
            : new LatestExchange(
                pass.text(latest.userMessage()),
                pass.text(latest.assistantMessage()),
                latest.timestamp()),
        turns(pass, context.recentMessages()),
        pass.text(context.rollingSummary()),
        context.sessionId());
  }

  private static List<Turn> turns(TenantProtector.Pass pass, List<Turn> turns) {
    if (turns == null) {
      return null;
    }
    return turns.stream()
        .map(
            t ->
                new Turn(
                    t.id(), t.role(), pass.text(t.content()), t.timestamp(), pass.text(t.name())))
        .toList();
  }
}
