package io.membank.governance.erasure.api;

import io.membank.contracts.ErasureConfirmed;
import io.membank.governance.erasure.store.ErasureStore.Confirmation;
import io.membank.governance.erasure.store.ErasureStore.Erasure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the erasure API answers. */
public final class ErasureDtos {

  private ErasureDtos() {}

  /** An erasure's state. */
  public record ErasureStatus(
      @Schema(description = "The erasure's id", example = "5f0c8a3e-2b7d-4f7e-9a51-0c1d2e3f4a5b")
          String erasureId,
      @Schema(description = "The data subject (user id) being erased", example = "alice")
          String userId,
      @Schema(description = "Why: request (an admin's call) or retention", example = "request")
          String reason,
      @Schema(
              description = "requested, in_progress, completed or incomplete (past its deadline)",
              example = "completed")
          String status,
      @Schema(
              description = "What an incomplete erasure still waits for; null otherwise",
              example = "no confirmation from search-service",
              nullable = true)
          String statusReason,
      @Schema(description = "Who asked for it (the caller's subject)", example = "admin-1")
          String requestedBy,
      @Schema(description = "When it was asked for", example = "2026-12-04T10:00:00Z")
          Instant requestedAt,
      @Schema(
              description = "By when every service should have confirmed",
              example = "2026-12-04T10:15:00Z")
          Instant deadlineAt,
      @Schema(description = "How many times the request has been sent", example = "1") int attempt,
      @Schema(
              description = "When the last service confirmed; null until then",
              example = "2026-12-04T10:00:05Z",
              nullable = true)
          Instant completedAt,
      @Schema(
              description = "Services that confirmed nothing of the subject is left",
              example = "[\"memory-service\"]")
          List<String> confirmed,
      @Schema(
              description = "Services that have not confirmed yet",
              example = "[\"search-service\"]")
          List<String> pending) {

    static ErasureStatus of(Erasure e, List<Confirmation> confirmations, Set<String> missing) {
      List<String> confirmed = new ArrayList<>();
      confirmations.stream().filter(Confirmation::clean).forEach(c -> confirmed.add(c.service()));
      return new ErasureStatus(
          e.id().toString(),
          e.subject(),
          e.reason(),
          e.status(),
          e.statusReason(),
          e.requestedBy(),
          e.requestedAt(),
          e.deadlineAt(),
          e.attempt(),
          e.completedAt(),
          confirmed,
          List.copyOf(missing));
    }
  }

  /** The verification report: every store's counts and direct check, per service. */
  public record ErasureReport(
      @Schema(description = "The erasure's state") ErasureStatus erasure,
      @Schema(
              description = "Every service confirmed and found nothing of the subject left",
              example = "true")
          boolean verified,
      @Schema(description = "One entry per service taking part") List<ServiceResult> services,
      @Schema(description = "When this report was made", example = "2026-12-04T10:01:00Z")
          Instant generatedAt) {}

  /** One service's confirmation (or its absence). */
  public record ServiceResult(
      @Schema(description = "The service", example = "memory-service") String service,
      @Schema(description = "Whether it has confirmed", example = "true") boolean confirmed,
      @Schema(
              description = "Whether its direct checks found nothing of the subject",
              example = "true")
          boolean clean,
      @Schema(
              description = "The attempt it confirmed; null until it has",
              example = "1",
              nullable = true)
          Integer attempt,
      @Schema(
              description = "When it confirmed; null until it has",
              example = "2026-12-04T10:00:03Z",
              nullable = true)
          Instant confirmedAt,
      @Schema(description = "Per store: counts before and after, and the direct check")
          List<ErasureConfirmed.StoreCount> stores) {}
}
