package io.membank.privacy.policy;

import io.membank.privacy.detect.DataClass;
import io.membank.privacy.detect.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a policy written with names (the wire form: governance API, {@code governance.policies}
 * records) into a {@link PolicySet}, naming the first bad field. Names are case-insensitive.
 */
public final class PolicyNames {

  /** One rule as written: each field may be null except {@code action}. */
  public record RuleNames(String type, String dataClass, String region, String action) {}

  private PolicyNames() {}

  public static PolicySet read(
      String tenantId, long version, String region, String defaultAction, List<RuleNames> rules) {
    if (rules == null) {
      throw new InvalidPolicyException("rules", "required (an empty list is allowed)");
    }
    List<Rule> read = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      String at = "rules[" + i + "]";
      RuleNames rule = rules.get(i);
      if (rule == null) {
        throw new InvalidPolicyException(at, "must be an object");
      }
      if (rule.type() != null && rule.dataClass() != null) {
        throw new InvalidPolicyException(at, "names a type or a data_class, not both");
      }
      if (rule.action() == null) {
        throw new InvalidPolicyException(at + ".action", "required");
      }
      read.add(
          new Rule(
              optional(DataType.class, rule.type(), at + ".type"),
              optional(DataClass.class, rule.dataClass(), at + ".data_class"),
              optional(Region.class, rule.region(), at + ".region"),
              optional(Action.class, rule.action(), at + ".action")));
    }
    return new PolicySet(
        tenantId,
        version,
        optional(Region.class, region, "region"),
        read,
        optional(Action.class, defaultAction, "default_action"));
  }

  private static <E extends Enum<E>> E optional(Class<E> type, String name, String field) {
    if (name == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidPolicyException(
          field,
          "unknown value '"
              + name
              + "', expected one of "
              + Arrays.toString(type.getEnumConstants()));
    }
  }
}
