package io.membank.audit.risk;

import io.membank.audit.chain.AuditEntry;
import io.membank.audit.config.AuditConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Tags an event with its risk (see {@link RiskRules}) and regimes (see {@link ComplianceRules}).
 */
@ApplicationScoped
public class Classifier {

  @Inject FailureBursts bursts;
  @Inject AuditConfig config;

  /** Classifies events in order; failures are counted in the burst window as a side effect. */
  public List<Classification> classify(List<AuditEntry> events) {
    List<AuditEntry> failures = events.stream().filter(RiskRules::isFailure).toList();
    long[] counts = bursts.record(failures);
    List<Classification> out = new ArrayList<>(events.size());
    int f = 0;
    for (AuditEntry event : events) {
      long failuresInWindow = RiskRules.isFailure(event) ? counts[f++] : 0;
      RiskRules.Assessment assessment =
          RiskRules.assess(new RiskRules.Facts(event, failuresInWindow, config.risk()));
      out.add(
          new Classification(
              assessment.level(), assessment.reasons(), ComplianceRules.regimes(event)));
    }
    return out;
  }
}
