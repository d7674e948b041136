package io.membank.contracts;

/** Kafka topic names of the event bus, and the dead-letter naming rule. */
public final class Topics {

  /** Ingestion requests (jobs), keyed by tenant + user. */
  public static final String MEMORY_INGEST = "memory.ingest";

  /** Memory state changes with full state and version, keyed by memory id. */
  public static final String MEMORY_EVENTS = "memory.events";

  /** Audit records from every service, keyed by tenant. */
  public static final String AUDIT_EVENTS = "audit.events";

  /** One record per model call (LLM or embedding), keyed by tenant. */
  public static final String LLM_USAGE = "llm.usage";

  /**
   * Budget decisions of cost-service ({@link BudgetDecision}), keyed by tenant; compacted, so the
   * latest decision per tenant is kept.
   */
  public static final String COST_BUDGETS = "cost.budgets";

  /** Erasure, export and retention requests. */
  public static final String GOVERNANCE_REQUESTS = "governance.requests";

  /**
   * Retention passes ({@link RetentionRequested}), keyed by tenant: delete what a tenant's policies
   * say is past its time. Read by memory-service only (search and graph follow its delete events).
   */
  public static final String GOVERNANCE_RETENTION = "governance.retention";

  /** Results of governance requests, per service. */
  public static final String GOVERNANCE_RESULTS = "governance.results";

  /**
   * Privacy policies, compacted: one {@link PolicySnapshot} per tenant (key = tenant id) plus the
   * default policy (key {@link PolicySnapshot#DEFAULT_KEY}); a tombstone drops a tenant's own
   * policy.
   */
  public static final String GOVERNANCE_POLICIES = "governance.policies";

  /** Tokenized values for the governance vault ({@link VaultedToken}), keyed by tenant. */
  public static final String GOVERNANCE_VAULT = "governance.vault";

  /**
   * API keys, compacted: one {@link ApiKeyRecord} per key (key = key id), published by
   * governance-service and read whole by every service (platform/identity) to verify keys locally.
   */
  public static final String IDENTITY_KEYS = "identity.keys";

  /** Symptoms, diagnoses and healing actions. */
  public static final String DIAGNOSTICS_EVENTS = "diagnostics.events";

  private Topics() {}

  /** The dead-letter topic of a consumer group on a topic: {@code <topic>.dlq.<group>}. */
  public static String deadLetter(String topic, String consumerGroup) {
    return topic + ".dlq." + consumerGroup;
  }
}
