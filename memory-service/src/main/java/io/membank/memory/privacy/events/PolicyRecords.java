package io.membank.memory.privacy.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.PolicySnapshot;
import io.membank.privacy.policy.PolicyNames;
import io.membank.privacy.policy.PolicySet;
import java.util.List;

/** Reads one {@code governance.policies} record (a CloudEvent of a {@link PolicySnapshot}). */
public final class PolicyRecords {

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final TypeReference<CloudEvent<PolicySnapshot>> EVENT = new TypeReference<>() {};

  private PolicyRecords() {}

  /**
   * The policy a record publishes for the tenant named by its key.
   *
   * @throws IllegalArgumentException when the record is not a valid policy event for that key
   */
  public static PolicySet read(String key, String value) {
    return policy(key, snapshot(key, value));
  }

  /**
   * The policy record's data, checked to be for the tenant named by its key and to name a valid
   * default expiry, if any.
   *
   * @throws IllegalArgumentException when the record is not a valid policy event for that key
   */
  public static PolicySnapshot snapshot(String key, String value) {
    CloudEvent<PolicySnapshot> event;
    try {
      event = JSON.readValue(value, EVENT);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a CloudEvent JSON: " + e.getOriginalMessage());
    }
    if (!EventTypes.GOVERNANCE_POLICY_PUBLISHED.equals(event.type())) {
      throw new IllegalArgumentException("unexpected event type " + event.type());
    }
    PolicySnapshot snapshot = event.data();
    if (snapshot == null) {
      throw new IllegalArgumentException("event " + event.id() + " has no data");
    }
    if (snapshot.tenantId() != null && !snapshot.tenantId().equals(key)) {
      throw new IllegalArgumentException(
          "event " + event.id() + " is keyed " + key + " but names tenant " + snapshot.tenantId());
    }
    snapshot.memoryDefaultTtlDuration(); // throws naming memory_default_ttl
    return snapshot;
  }

  /**
   * The privacy policy of a snapshot.
   *
   * @throws IllegalArgumentException naming the bad field
   */
  public static PolicySet policy(String key, PolicySnapshot snapshot) {
    List<PolicyNames.RuleNames> rules =
        snapshot.rules() == null
            ? null
            : snapshot.rules().stream()
                .map(
                    r ->
                        r == null
                            ? null
                            : new PolicyNames.RuleNames(
                                r.type(), r.dataClass(), r.region(), r.action()))
                .toList();
    // Throws InvalidPolicyException (an IllegalArgumentException) naming the bad field.
    return PolicyNames.read(
        key, snapshot.version(), snapshot.region(), snapshot.defaultAction(), rules);
  }
}
