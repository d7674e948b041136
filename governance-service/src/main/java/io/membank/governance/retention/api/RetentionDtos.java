package io.membank.governance.retention.api;

import io.membank.governance.retention.store.RetentionStore.Hold;
import io.membank.governance.retention.store.RetentionStore.Policy;
import io.membank.governance.retention.store.RetentionStore.Run;
import io.membank.governance.retention.store.RetentionStore.RunRule;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the retention API takes and answers. */
public final class RetentionDtos {

  private RetentionDtos() {}

  /** A policy's terms (create, or a new version). */
  public record PolicyRequest(
      @Schema(
              description =
                  "Only memories of this data class (PII, FINANCIAL, CREDENTIAL); absent: all",
              example = "PII",
              nullable = true)
          String dataClass,
      @Schema(
              description = "Only memories of this scope (user, agent, session); absent: all",
              example = "user",
              nullable = true)
          String scope,
      @Schema(
              description =
                  "Only when the tenant's privacy policy region is this (EU, US, CN, GLOBAL)",
              example = "EU",
              nullable = true)
          String region,
      @Schema(description = "Maximum age in days (1-36500)", example = "365") Integer maxAgeDays) {}

  /** One version of a retention policy. */
  public record PolicyView(
      @Schema(description = "The policy's id", example = "2f6d8c1a-4b3e-4f7a-9c5d-1e2f3a4b5c6d")
          String policyId,
      @Schema(description = "Its version (1 at creation, +1 per change)", example = "2")
          int version,
      @Schema(description = "Data class; null: all", example = "PII", nullable = true)
          String dataClass,
      @Schema(description = "Scope; null: all", example = "user", nullable = true) String scope,
      @Schema(description = "Region; null: any", example = "EU", nullable = true) String region,
      @Schema(description = "Maximum age in days", example = "365") int maxAgeDays,
      @Schema(description = "Retired (no longer enforced)", example = "false") boolean retired,
      @Schema(description = "Who wrote this version", example = "admin") String createdBy,
      @Schema(description = "When this version was written") Instant createdAt) {

    static PolicyView of(Policy p) {
      return new PolicyView(
          p.policyId().toString(),
          p.version(),
          p.dataClass(),
          p.scope(),
          p.region(),
          p.maxAgeDays(),
          p.retired(),
          p.createdBy(),
          p.createdAt());
    }
  }

  /** A page of policies (latest versions). */
  public record PolicyPage(
      @Schema(description = "The policies of this page") List<PolicyView> items,
      @Schema(
              description = "Pass as cursor for the next page; null on the last page",
              example = "eyJhdCI6IjIwMjYtMTItMDRUMDc6MDA6MDBaIn0",
              nullable = true)
          String nextCursor) {}

  /** A legal hold to place. */
  public record HoldRequest(
      @Schema(
              description = "The data subject (user id) held; absent: the whole tenant",
              example = "alice",
              nullable = true)
          String userId,
      @Schema(description = "Why (a case or matter reference)", example = "case 2026-114")
          String reason) {}

  /** A legal hold. */
  public record HoldView(
      @Schema(description = "The hold's id", example = "7c1e9a2b-3d4f-4a5b-8c6d-9e0f1a2b3c4d")
          String holdId,
      @Schema(
              description = "The subject held; null: the whole tenant",
              example = "alice",
              nullable = true)
          String userId,
      @Schema(description = "Why it was placed", example = "case 2026-114") String reason,
      @Schema(description = "active or released", example = "active") String status,
      @Schema(description = "Who placed it", example = "admin") String createdBy,
      @Schema(description = "When it was placed") Instant createdAt,
      @Schema(
              description = "Who released it; null while active",
              example = "admin",
              nullable = true)
          String releasedBy,
      @Schema(description = "When it was released; null while active", nullable = true)
          Instant releasedAt) {

    static HoldView of(Hold h) {
      return new HoldView(
          h.holdId().toString(),
          h.subject(),
          h.reason(),
          h.releasedAt() == null ? "active" : "released",
          h.createdBy(),
          h.createdAt(),
          h.releasedBy(),
          h.releasedAt());
    }
  }

  /** A page of holds. */
  public record HoldPage(
      @Schema(description = "The holds of this page") List<HoldView> items,
      @Schema(
              description = "Pass as cursor for the next page; null on the last page",
              example = "eyJhdCI6IjIwMjYtMTItMDRUMDc6MDA6MDBaIn0",
              nullable = true)
          String nextCursor) {}

  /** Start a run now. */
  public record RunRequest(
      @Schema(
              description =
                  "Compute cutoffs as of this time instead of now (only where the service allows"
                      + " it: membank.governance.retention.allow-as-of, off by default)",
              nullable = true)
          Instant asOf) {}

  /** A run of the enforcer over one tenant. */
  public record RunView(
      @Schema(description = "The run's id", example = "5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d")
          String runId,
      @Schema(description = "The time cutoffs were computed from") Instant asOf,
      @Schema(description = "scheduled or manual", example = "scheduled") String trigger,
      @Schema(
              description = "Who started it (retention-enforcer for the schedule)",
              example = "retention-enforcer")
          String triggeredBy,
      @Schema(description = "pending (sent, no answer yet) or completed", example = "completed")
          String status,
      @Schema(description = "A hold on the whole tenant kept everything", example = "false")
          boolean tenantHeld,
      @Schema(description = "Subjects whose data a hold kept") List<String> heldUsers,
      @Schema(description = "How many times the request was sent", example = "1") int attempt,
      @Schema(description = "When the run started") Instant startedAt,
      @Schema(description = "When the store's counts arrived; null while pending", nullable = true)
          Instant completedAt,
      @Schema(description = "Per policy (and expires_at): cutoff, erased, kept by a hold")
          List<RuleView> policies,
      @Schema(description = "Total erased; null while pending", example = "42", nullable = true)
          Long erased,
      @Schema(
              description = "Total kept by holds; null while pending",
              example = "3",
              nullable = true)
          Long keptByHold) {

    static RunView of(Run r, List<RunRule> rules) {
      boolean done = "completed".equals(r.status());
      return new RunView(
          r.runId().toString(),
          r.asOf(),
          r.trigger(),
          r.triggeredBy(),
          r.status(),
          r.tenantHeld(),
          r.heldSubjects(),
          r.attempt(),
          r.startedAt(),
          r.completedAt(),
          rules.stream().map(RuleView::of).toList(),
          done ? rules.stream().mapToLong(x -> x.erased() == null ? 0 : x.erased()).sum() : null,
          done
              ? rules.stream().mapToLong(x -> x.keptByHold() == null ? 0 : x.keptByHold()).sum()
              : null);
    }
  }

  /** One policy's part of a run. */
  public record RuleView(
      @Schema(
              description = "The policy id, or expires_at (memories past their own expiry)",
              example = "2f6d8c1a-4b3e-4f7a-9c5d-1e2f3a4b5c6d")
          String policy,
      @Schema(
              description = "The policy version applied; null for expires_at",
              example = "2",
              nullable = true)
          Integer policyVersion,
      @Schema(description = "What was stored before this is past its time") Instant cutoff,
      @Schema(description = "Erased; null while pending", example = "40", nullable = true)
          Long erased,
      @Schema(
              description = "Past its time but kept by a legal hold",
              example = "3",
              nullable = true)
          Long keptByHold) {

    static RuleView of(RunRule r) {
      return new RuleView(r.rule(), r.policyVersion(), r.cutoff(), r.erased(), r.keptByHold());
    }
  }

  /** A page of runs. */
  public record RunPage(
      @Schema(description = "The runs of this page") List<RunView> items,
      @Schema(
              description = "Pass as cursor for the next page; null on the last page",
              example = "eyJhdCI6IjIwMjYtMTItMDRUMDc6MDA6MDBaIn0",
              nullable = true)
          String nextCursor) {}
}
