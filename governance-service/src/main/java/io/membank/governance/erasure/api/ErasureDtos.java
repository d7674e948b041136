package io.membank.governance.erasure.api;

import io.membank.contracts.ErasureConfirmed;
import io.membank.governance.erasure.store.ErasureStore.Confirmation;
import io.membank.governance.erasure.store.ErasureStore.Erasure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the erasure API answers. */
public final class ErasureDtos {

  private ErasureDtos() {}

  /** An erasure's state. */
  public record ErasureStatus(
      String erasureId,
      String userId,
      String reason,
      String status,
      String statusReason,
      String requestedBy,
      Instant requestedAt,
      Instant deadlineAt,
      int attempt,
      Instant completedAt,
      List<String> confirmed,
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
      ErasureStatus erasure, boolean verified, List<ServiceResult> services, Instant generatedAt) {}

  /** One service's confirmation (or its absence). */
  public record ServiceResult(
      String service,
      boolean confirmed,
      boolean clean,
      Integer attempt,
      Instant confirmedAt,
      List<ErasureConfirmed.StoreCount> stores) {}
}
