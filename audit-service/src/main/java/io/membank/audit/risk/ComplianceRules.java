package io.membank.audit.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.audit.chain.AuditEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which compliance regimes an event touches, by the kind of resource and the class of data (from
 * {@code details.data_class} or {@code details.data_classes}). Stored with the record and used by
 * the report templates.
 */
public final class ComplianceRules {

  /** EU General Data Protection Regulation: personal data of a data subject. */
  public static final String GDPR = "GDPR";

  /** Sarbanes-Oxley: financial data, controls, configuration and the audit trail itself. */
  public static final String SOX = "SOX";

  /** HIPAA: protected health information. */
  public static final String HIPAA = "HIPAA";

  static final Set<String> PERSONAL_RESOURCES =
      Set.of(
          "memory",
          "memories",
          "user",
          "profile",
          "conversation",
          "session",
          "job",
          "batch",
          "data_subject",
          "consent",
          "personal_data");
  static final Set<String> PERSONAL_CLASSES =
      Set.of("pii", "personal", "sensitive", "special_category", "confidential");

  static final Set<String> CONTROL_RESOURCES =
      Set.of(
          "config",
          "policy",
          "retention_policy",
          "role",
          "permission",
          "credential",
          "audit_log",
          "audit_chain",
          "audit_report",
          "billing",
          "invoice",
          "ledger",
          "budget");
  static final Set<String> FINANCIAL_CLASSES = Set.of("financial", "restricted", "payment");

  static final Set<String> HEALTH_RESOURCES =
      Set.of("health_record", "medical_record", "patient", "prescription");
  static final Set<String> HEALTH_CLASSES = Set.of("phi", "health", "medical");

  private ComplianceRules() {}

  /** The regimes the event touches, in a fixed order (GDPR, HIPAA, SOX). */
  public static List<String> regimes(AuditEntry event) {
    Set<String> classes = dataClasses(event);
    String resource = event.resource().type();
    List<String> regimes = new ArrayList<>();
    if (PERSONAL_RESOURCES.contains(resource)
        || intersects(classes, PERSONAL_CLASSES)
        || event.resource().ownerId() != null) {
      regimes.add(GDPR);
    }
    if (HEALTH_RESOURCES.contains(resource) || intersects(classes, HEALTH_CLASSES)) {
      regimes.add(HIPAA);
    }
    boolean adminChange =
        "admin".equals(event.action())
            || (event.actor().roles() != null
                && event.actor().roles().contains("admin")
                && !"access".equals(event.action()));
    if (CONTROL_RESOURCES.contains(resource)
        || intersects(classes, FINANCIAL_CLASSES)
        || adminChange) {
      regimes.add(SOX);
    }
    return List.copyOf(regimes);
  }

  private static Set<String> dataClasses(AuditEntry event) {
    Set<String> classes = new HashSet<>();
    if (event.details() == null) {
      return classes;
    }
    JsonNode one = event.details().get("data_class");
    if (one != null && one.isTextual()) {
      classes.add(one.asText().toLowerCase(Locale.ROOT));
    }
    JsonNode many = event.details().get("data_classes");
    if (many != null && many.isArray()) {
      many.forEach(c -> classes.add(c.asText().toLowerCase(Locale.ROOT)));
    }
    return classes;
  }

  private static boolean intersects(Set<String> a, Set<String> b) {
    return a.stream().anyMatch(b::contains);
  }
}
