package io.membank.memory.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.PolicySnapshot;
import io.membank.memory.privacy.events.PolicyRecords;
import io.membank.privacy.detect.DataType;
import io.membank.privacy.policy.Action;
import io.membank.privacy.policy.InvalidPolicyException;
import io.membank.privacy.policy.PolicySet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyRecordsTest {

  private static final ObjectMapper JSON = EventJson.newMapper();

  static String record(String tenant, long version, List<PolicySnapshot.Rule> rules)
      throws Exception {
    return JSON.writeValueAsString(
        CloudEvent.of(
            EventTypes.GOVERNANCE_POLICY_PUBLISHED,
            "governance-service",
            tenant,
            tenant,
            new PolicySnapshot(tenant, version, "GLOBAL", "ALLOW", rules, null, "admin-1")));
  }

  @Test
  void reads_a_published_snapshot_as_the_tenants_policy() throws Exception {
    PolicySet policy =
        PolicyRecords.read(
            "acme",
            record("acme", 4, List.of(new PolicySnapshot.Rule("EMAIL", null, null, "TOKENIZE"))));

    assertThat(policy.tenantId()).isEqualTo("acme");
    assertThat(policy.version()).isEqualTo(4);
    assertThat(policy.actionFor(DataType.EMAIL)).isEqualTo(Action.TOKENIZE);
    assertThat(policy.actionFor(DataType.PHONE)).isEqualTo(Action.ALLOW);
  }

  @Test
  void refuses_a_record_whose_key_names_another_tenant() throws Exception {
    String other = record("globex", 1, List.of());

    assertThatThrownBy(() -> PolicyRecords.read("acme", other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyed acme");
  }

  @Test
  void refuses_unknown_actions_naming_the_field_and_invalid_json() throws Exception {
    String bad = record("acme", 2, List.of(new PolicySnapshot.Rule("EMAIL", null, null, "SHRED")));

    assertThatThrownBy(() -> PolicyRecords.read("acme", bad))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("rules[0].action");
    assertThatThrownBy(() -> PolicyRecords.read("acme", "{not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
