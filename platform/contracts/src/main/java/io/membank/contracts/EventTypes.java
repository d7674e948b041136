package io.membank.contracts;

/** CloudEvents {@code type} values; the suffix is the schema version (a change is a new one). */
public final class EventTypes {

  public static final String MEMORY_INGEST_REQUESTED = "membank.memory.ingest.requested.v1";
  public static final String MEMORY_CREATED = "membank.memory.created.v1";
  public static final String MEMORY_UPDATED = "membank.memory.updated.v1";
  public static final String MEMORY_INVALIDATED = "membank.memory.invalidated.v1";
  public static final String MEMORY_DELETED = "membank.memory.deleted.v1";
  public static final String AUDIT_RECORDED = "membank.audit.recorded.v1";
  public static final String LLM_USAGE_RECORDED = "membank.llm.usage.recorded.v1";
  public static final String COST_BUDGET_DECIDED = "membank.cost.budget.decided.v1";

  public static final String GOVERNANCE_POLICY_PUBLISHED = "membank.governance.policy.published.v1";
  public static final String GOVERNANCE_TOKEN_VAULTED = "membank.governance.token.vaulted.v1";
  public static final String GOVERNANCE_ERASURE_REQUESTED =
      "membank.governance.erasure.requested.v1";
  public static final String GOVERNANCE_ERASURE_CONFIRMED =
      "membank.governance.erasure.confirmed.v1";
  public static final String GOVERNANCE_RETENTION_REQUESTED =
      "membank.governance.retention.requested.v1";
  public static final String GOVERNANCE_RETENTION_APPLIED =
      "membank.governance.retention.applied.v1";

  public static final String IDENTITY_KEY_PUBLISHED = "membank.identity.key.published.v1";

  public static final String DIAGNOSIS_OPENED = "membank.diagnostics.diagnosis.opened.v1";
  public static final String DIAGNOSIS_RESOLVED = "membank.diagnostics.diagnosis.resolved.v1";
  public static final String HEALING_ACTION_RECORDED = "membank.diagnostics.action.recorded.v1";
  public static final String EXHAUSTION_PREDICTED = "membank.diagnostics.exhaustion.predicted.v1";

  private EventTypes() {}
}
