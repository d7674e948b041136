package io.membank.memory.ingest.pipeline;

import io.membank.memory.privacy.service.TenantProtector;

/** Builds a {@link ProtectStep} outside CDI (its constructor is the container's). */
public final class ProtectSteps {

  private ProtectSteps() {}

  public static ProtectStep of(TenantProtector protector) {
    return new ProtectStep(protector);
  }
}
