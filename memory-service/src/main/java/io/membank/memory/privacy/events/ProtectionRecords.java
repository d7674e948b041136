package io.membank.memory.privacy.events;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.Topics;
import io.membank.contracts.VaultedToken;
import io.membank.memory.audit.AuditTrail;
import io.membank.memory.privacy.service.Protection;
import io.membank.outbox.Outbox;
import io.membank.privacy.protect.VaultEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * What a protected write leaves behind, in the transaction that stores it: each tokenized value's
 * sealed form for the governance vault ({@code governance.vault}) and one audit record per privacy
 * action (data type, action, count, policy version — never a value).
 */
@ApplicationScoped
public class ProtectionRecords {

  /** The audit resource type of a privacy action. */
  public static final String RESOURCE = "privacy_action";

  private static final String SERVICE = "memory-service";

  private final Outbox outbox;
  private final AuditTrail audit;

  ProtectionRecords(Outbox outbox, AuditTrail audit) {
    this.outbox = outbox;
    this.audit = audit;
  }

  /** Records the protection of a job (the ingestion worker acts). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void ofJob(String tenant, String jobId, String userId, Protection protection) {
    vault(tenant, protection);
    for (Protection.Count taken : protection.actionsTaken()) {
      audit.recordSystem(
          tenant,
          AuditEvent.Action.MODIFY,
          RESOURCE,
          jobId,
          userId,
          details("job_id", jobId, protection, taken));
    }
  }

  /** Records the protection of an edit by the current HTTP caller. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void ofEdit(String tenant, String memoryId, String userId, Protection protection) {
    vault(tenant, protection);
    for (Protection.Count taken : protection.actionsTaken()) {
      audit.record(
          AuditEvent.Action.MODIFY,
          RESOURCE,
          memoryId,
          userId,
          AuditEvent.Outcome.SUCCESS,
          details("memory_id", memoryId, protection, taken));
    }
  }

  private void vault(String tenant, Protection protection) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (VaultEntry entry : protection.vaultEntries()) {
      outbox.add(
          Topics.GOVERNANCE_VAULT,
          tenant,
          EventTypes.GOVERNANCE_TOKEN_VAULTED,
          entry.token(),
          tenant,
          new VaultedToken(
              tenant, entry.token(), entry.type().name(), entry.ciphertext(), SERVICE, now));
    }
  }

  private static Map<String, Object> details(
      String subjectKey, String subjectId, Protection protection, Protection.Count taken) {
    return Map.of(
        subjectKey,
        subjectId,
        "data_type",
        taken.type().name(),
        "privacy_action",
        taken.action().name(),
        "count",
        taken.count(),
        "policy_version",
        protection.policyVersion());
  }
}
