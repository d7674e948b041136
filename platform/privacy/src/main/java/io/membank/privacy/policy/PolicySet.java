package io.membank.privacy.policy;

import io.membank.privacy.detect.DataClass;
import io.membank.privacy.detect.DataType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's privacy policy at one version: rules by data type, data class and region, and the
 * action for types no rule names. The most specific rule wins: type over class over catch-all, and
 * a rule for the tenant's region over a global one.
 *
 * @param tenantId the tenant, or {@link #DEFAULT_TENANT} for the policy of tenants without their
 *     own
 * @param version increases with every change; reported with each action taken
 * @param region where the tenant's data lives
 */
public record PolicySet(
    String tenantId, long version, Region region, List<Rule> rules, Action defaultAction) {

  /** The key of the policy that applies to tenants without one of their own. */
  public static final String DEFAULT_TENANT = "_default";

  public PolicySet {
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalArgumentException("tenantId is required");
    }
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0");
    }
    region = region == null ? Region.GLOBAL : region;
    rules = List.copyOf(rules == null ? List.of() : rules);
    defaultAction = defaultAction == null ? Action.ALLOW : defaultAction;
  }

  /**
   * The built-in policy, until an admin publishes another default: credentials redacted, payment
   * and national identity numbers masked, other personal data kept (a memory about the user is
   * useful only with it).
   */
  public static PolicySet builtInDefault() {
    return new PolicySet(
        DEFAULT_TENANT,
        0,
        Region.GLOBAL,
        List.of(
            Rule.forClass(DataClass.CREDENTIAL, Action.REDACT),
            Rule.forClass(DataClass.FINANCIAL, Action.MASK),
            Rule.forType(DataType.CN_RESIDENT_ID, Action.MASK),
            Rule.forType(DataType.US_SSN, Action.MASK)),
        Action.ALLOW);
  }

  /** The same rules for another tenant (a tenant without its own policy gets the default's). */
  public PolicySet forTenant(String tenant) {
    return new PolicySet(tenant, version, region, rules, defaultAction);
  }

  /** The action for one data type in this policy's region. */
  public Action actionFor(DataType type) {
    Action best = defaultAction;
    int bestScore = -1;
    for (Rule rule : rules) {
      int score = rule.specificity(type, region);
      if (score > bestScore) {
        bestScore = score;
        best = rule.action();
      }
    }
    return best;
  }

  /** The action for every type, resolved once per text. */
  public Map<DataType, Action> actions() {
    Map<DataType, Action> actions = new EnumMap<>(DataType.class);
    for (DataType type : DataType.values()) {
      actions.put(type, actionFor(type));
    }
    return actions;
  }
}
