package io.membank.governance.policy.api;

import io.membank.privacy.policy.PolicyNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A tenant's privacy policy as written by an admin. Names are those of platform/privacy (case does
 * not matter): types {@code EMAIL, PHONE, CN_RESIDENT_ID, US_SSN, PAYMENT_CARD, IBAN, IP_ADDRESS,
 * SECRET, DATE_OF_BIRTH, POSTAL_ADDRESS, PERSON_NAME}, data classes {@code PII, FINANCIAL,
 * CREDENTIAL}, regions {@code EU, US, CN, GLOBAL}, actions {@code ALLOW, REDACT, MASK, HASH,
 * TOKENIZE, ENCRYPT, BLOCK}.
 */
public record PolicyDocument(
    String region,
    String defaultAction,
    @NotNull @Size(max = PolicyDocument.MAX_RULES) List<@Valid @NotNull RuleDocument> rules) {

  public static final int MAX_RULES = 200;

  /** One rule: a type or a data class (or neither: every type), optional region, an action. */
  public record RuleDocument(String type, String dataClass, String region, String action) {}

  List<PolicyNames.RuleNames> ruleNames() {
    return rules.stream()
        .map(r -> new PolicyNames.RuleNames(r.type(), r.dataClass(), r.region(), r.action()))
        .toList();
  }
}
