package io.membank.privacy.policy;

import io.membank.privacy.detect.DataClass;
import io.membank.privacy.detect.DataType;

/**
 * One policy rule: the action for a data type, or for every type of a data class, optionally only
 * in one region. At most one of {@code type} and {@code dataClass} is set; neither means every
 * type. A {@code null} or {@link Region#GLOBAL} region means every region.
 */
public record Rule(DataType type, DataClass dataClass, Region region, Action action) {

  public Rule {
    if (action == null) {
      throw new IllegalArgumentException("action is required");
    }
    if (type != null && dataClass != null) {
      throw new IllegalArgumentException("a rule names a type or a data class, not both");
    }
  }

  public static Rule forType(DataType type, Action action) {
    return new Rule(type, null, null, action);
  }

  public static Rule forClass(DataClass dataClass, Action action) {
    return new Rule(null, dataClass, null, action);
  }

  /** -1 when the rule does not apply, else how specific it is (higher wins). */
  int specificity(DataType candidate, Region where) {
    boolean anyRegion = region == null || region == Region.GLOBAL;
    if (!anyRegion && region != where) {
      return -1;
    }
    int regionScore = anyRegion ? 0 : 1;
    if (type != null) {
      return type == candidate ? 4 + regionScore : -1;
    }
    if (dataClass != null) {
      return dataClass == candidate.dataClass() ? 2 + regionScore : -1;
    }
    return regionScore;
  }
}
