package io.membank.contracts;

/** Where the JSON Schema of each event type lives (in this jar, under {@code /schemas}). */
public final class Schemas {

  private static final String BASE = "https://membank.io/schemas/";

  private Schemas() {}

  /** The schema URI of an event type, e.g. {@code .../membank.memory.created.v1.json}. */
  public static String uriFor(String type) {
    return BASE + fileFor(type);
  }

  /** The schema file name shared by all event types with the same data shape. */
  public static String fileFor(String type) {
    if (type.startsWith("membank.memory.ingest.")) {
      return "memory-ingest-requested.v1.schema.json";
    }
    if (type.startsWith("membank.memory.")) {
      return "memory-event.v1.schema.json";
    }
    if (type.startsWith("membank.audit.")) {
      return "audit-event.v1.schema.json";
    }
    if (type.startsWith("membank.llm.usage.")) {
      return "llm-usage.v1.schema.json";
    }
    if (type.startsWith("membank.cost.budget.")) {
      return "budget-decision.v1.schema.json";
    }
    if (type.startsWith("membank.governance.policy.")) {
      return "governance-policy.v1.schema.json";
    }
    if (type.startsWith("membank.governance.token.")) {
      return "governance-token.v1.schema.json";
    }
    if (type.startsWith("membank.governance.erasure.requested.")) {
      return "governance-erasure-request.v1.schema.json";
    }
    if (type.startsWith("membank.governance.erasure.confirmed.")) {
      return "governance-erasure-result.v1.schema.json";
    }
    if (type.startsWith("membank.governance.retention.requested.")) {
      return "governance-retention-request.v1.schema.json";
    }
    if (type.startsWith("membank.governance.retention.applied.")) {
      return "governance-retention-result.v1.schema.json";
    }
    if (type.startsWith("membank.identity.key.")) {
      return "identity-key.v1.schema.json";
    }
    if (type.startsWith("membank.diagnostics.")) {
      return "diagnostics-event.v1.schema.json";
    }
    throw new IllegalArgumentException("no schema for event type " + type);
  }
}
