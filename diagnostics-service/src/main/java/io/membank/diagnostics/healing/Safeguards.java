package io.membank.diagnostics.healing;

import io.membank.diagnostics.config.DiagnosticsConfig;
import io.membank.diagnostics.knowledge.ActionType;
import io.membank.diagnostics.knowledge.KnownIssue;
import io.membank.diagnostics.knowledge.Risk;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a planned action may run now. Order matters: a refusal names the first safeguard
 * that said no. The counts come from the action history (see {@link ActionStore}).
 */
public final class Safeguards {

  /** The verdict on one planned action. */
  public sealed interface Verdict {
    /** May run now. */
    record Proceed() implements Verdict {}

    /** Needs an admin's approval first. */
    record NeedsApproval(String reason) implements Verdict {}

    /** May not run. */
    record Refuse(String reason) implements Verdict {}
  }

  /** What the history says about the target right now. */
  public record History(int recentSameAction, int inFlightOnTarget, int inFlightTotal) {}

  /** At most this many executed-but-unverified actions at once across the suite. */
  public static final int MAX_IN_FLIGHT = 2;

  private final DiagnosticsConfig.Healing config;
  private final List<FreezeWindow> freezeWindows;
  private final Runtime runtime;

  public Safeguards(DiagnosticsConfig.Healing config, Runtime runtime) {
    this.config = config;
    this.runtime = runtime;
    this.freezeWindows =
        config.freezeWindows().orElse(List.of()).stream().map(FreezeWindow::parse).toList();
  }

  /**
   * The verdict for {@code solution} on {@code target}; {@code approved} is true when an admin has
   * approved it (approval lifts only the approval requirement, never the other safeguards).
   */
  public Verdict check(
      KnownIssue.Solution solution, String target, History history, Instant now, boolean approved) {
    ActionType type = solution.action();
    if (!runtime.supports(type)) {
      return new Verdict.Refuse(
          type.key() + " is not supported by the " + runtime.name() + " runtime");
    }
    Optional<FreezeWindow> frozen = freezeWindows.stream().filter(w -> w.contains(now)).findFirst();
    if (frozen.isPresent() && !approved) {
      return new Verdict.Refuse("inside freeze window " + describe(frozen.get()));
    }
    if (history.recentSameAction() >= config.maxActionsPerTarget()) {
      return new Verdict.Refuse(
          "rate limit: "
              + history.recentSameAction()
              + " "
              + type.key()
              + " on "
              + target
              + " within "
              + config.rateWindow());
    }
    if (history.inFlightOnTarget() > 0) {
      return new Verdict.Refuse(
          "blast radius: an action on " + target + " is still being verified");
    }
    if (history.inFlightTotal() >= MAX_IN_FLIGHT) {
      return new Verdict.Refuse(
          "blast radius: " + history.inFlightTotal() + " actions are still being verified");
    }
    if (approved) {
      return new Verdict.Proceed();
    }
    if (solution.risk() == Risk.HIGH) {
      return new Verdict.NeedsApproval("high risk: an admin must approve");
    }
    if (!solution.automatic() || !config.automatic().contains(type.key())) {
      return new Verdict.NeedsApproval(type.key() + " is not allowed to run automatically");
    }
    return new Verdict.Proceed();
  }

  private static String describe(FreezeWindow w) {
    return (w.day() == null ? "*" : w.day().toString().substring(0, 3))
        + " "
        + w.from()
        + "-"
        + w.to();
  }
}
