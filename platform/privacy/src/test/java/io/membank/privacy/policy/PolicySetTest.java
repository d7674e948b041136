package io.membank.privacy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.privacy.detect.DataClass;
import io.membank.privacy.detect.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySetTest {

  @Test
  void a_type_rule_beats_a_class_rule_which_beats_the_default() {
    PolicySet policy =
        new PolicySet(
            "t1",
            3,
            Region.EU,
            List.of(
                Rule.forClass(DataClass.PII, Action.MASK),
                Rule.forType(DataType.EMAIL, Action.HASH)),
            Action.REDACT);

    assertThat(policy.actionFor(DataType.EMAIL)).isEqualTo(Action.HASH);
    assertThat(policy.actionFor(DataType.PHONE)).isEqualTo(Action.MASK);
    assertThat(policy.actionFor(DataType.SECRET)).isEqualTo(Action.REDACT);
  }

  @Test
  void a_rule_for_the_tenants_region_beats_a_global_one_and_other_regions_do_not_apply() {
    List<Rule> rules =
        List.of(
            Rule.forType(DataType.PHONE, Action.MASK),
            new Rule(DataType.PHONE, null, Region.CN, Action.TOKENIZE),
            new Rule(DataType.EMAIL, null, Region.US, Action.BLOCK));

    PolicySet cn = new PolicySet("t1", 1, Region.CN, rules, Action.ALLOW);
    PolicySet eu = new PolicySet("t1", 1, Region.EU, rules, Action.ALLOW);

    assertThat(cn.actionFor(DataType.PHONE)).isEqualTo(Action.TOKENIZE);
    assertThat(eu.actionFor(DataType.PHONE)).isEqualTo(Action.MASK);
    assertThat(eu.actionFor(DataType.EMAIL)).isEqualTo(Action.ALLOW);
  }

  @Test
  void the_built_in_default_redacts_credentials_and_masks_financial_and_national_ids() {
    PolicySet policy = PolicySet.builtInDefault();

    assertThat(policy.tenantId()).isEqualTo(PolicySet.DEFAULT_TENANT);
    assertThat(policy.actionFor(DataType.SECRET)).isEqualTo(Action.REDACT);
    assertThat(policy.actionFor(DataType.PAYMENT_CARD)).isEqualTo(Action.MASK);
    assertThat(policy.actionFor(DataType.IBAN)).isEqualTo(Action.MASK);
    assertThat(policy.actionFor(DataType.CN_RESIDENT_ID)).isEqualTo(Action.MASK);
    assertThat(policy.actionFor(DataType.EMAIL)).isEqualTo(Action.ALLOW);
    assertThat(policy.forTenant("t9").tenantId()).isEqualTo("t9");
  }

  @Test
  void a_rule_naming_both_a_type_and_a_class_is_refused() {
    assertThatThrownBy(() -> new Rule(DataType.EMAIL, DataClass.PII, null, Action.REDACT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Rule(DataType.EMAIL, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void names_are_read_case_insensitively_into_a_policy() {
    PolicySet policy =
        PolicyNames.read(
            "t1",
            2,
            "eu",
            "allow",
            List.of(
                new PolicyNames.RuleNames("email", null, null, "redact"),
                new PolicyNames.RuleNames(null, "FINANCIAL", "EU", "TOKENIZE")));

    assertThat(policy.region()).isEqualTo(Region.EU);
    assertThat(policy.actionFor(DataType.EMAIL)).isEqualTo(Action.REDACT);
    assertThat(policy.actionFor(DataType.IBAN)).isEqualTo(Action.TOKENIZE);
  }

  @Test
  void a_bad_name_is_refused_naming_its_field() {
    assertThatThrownBy(
            () ->
                PolicyNames.read(
                    "t1",
                    1,
                    "EU",
                    null,
                    List.of(
                        new PolicyNames.RuleNames("EMAIL", null, null, "REDACT"),
                        new PolicyNames.RuleNames("EMAIL", null, null, "SHRED"))))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class, e -> assertThat(e.field()).isEqualTo("rules[1].action"));
    assertThatThrownBy(() -> PolicyNames.read("t1", 1, "MARS", null, List.of()))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class, e -> assertThat(e.field()).isEqualTo("region"));
    assertThatThrownBy(
            () ->
                PolicyNames.read(
                    "t1",
                    1,
                    null,
                    null,
                    List.of(new PolicyNames.RuleNames("FAX", null, null, "MASK"))))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class, e -> assertThat(e.field()).isEqualTo("rules[0].type"));
  }
}
