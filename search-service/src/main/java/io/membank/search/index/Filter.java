package io.membank.search.index;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A validated filter tree: the conditions of one node hold together (AND), {@code all} are further
 * nodes that must all hold, {@code any} nodes of which at least one must hold, and {@code not} a
 * node that must not hold. Null or empty means "no condition".
 */
public record Filter(
    String agentId,
    String sessionId,
    OffsetDateTime createdFrom,
    OffsetDateTime createdTo,
    Double importanceMin,
    Double importanceMax,
    List<String> types,
    List<String> entities,
    Map<String, List<String>> metadata,
    List<Filter> all,
    List<Filter> any,
    Filter not) {

  /** No condition at all. */
  public static final Filter NONE =
      new Filter(null, null, null, null, null, null, null, null, null, null, null, null);
}
