package io.membank.governance.policy.api;

import io.membank.privacy.policy.PolicyNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tenant's privacy policy as written by an admin. Names are those of platform/privacy (case does
 * not matter): types {@code EMAIL, PHONE, CN_RESIDENT_ID, US_SSN, PAYMENT_CARD, IBAN, IP_ADDRESS,
 * SECRET, DATE_OF_BIRTH, POSTAL_ADDRESS, PERSON_NAME}, data classes {@code PII, FINANCIAL,
 * CREDENTIAL}, regions {@code EU, US, CN, GLOBAL}, actions {@code ALLOW, REDACT, MASK, HASH,
 * TOKENIZE, ENCRYPT, BLOCK}.
 */
public record PolicyDocument(
    @Schema(
            description = "The tenant's region: EU, US, CN or GLOBAL (decides which rules apply)",
            example = "EU")
        String region,
    @Schema(
            description =
                "What happens to personal data no rule names: ALLOW, REDACT, MASK, HASH, TOKENIZE, ENCRYPT or BLOCK",
            example = "MASK")
        String defaultAction,
    @Schema(description = "The rules, most specific first")
        @NotNull
        @Size(max = PolicyDocument.MAX_RULES)
        List<@Valid @NotNull RuleDocument> rules,
    @Schema(
            description =
                "Default expiry of the tenant's memories written without expires_at: a positive"
                    + " ISO-8601 duration (days, hours, minutes, seconds); absent: the"
                    + " deployment's default (membank.memory.default-ttl), if any",
            example = "P90D")
        String memoryDefaultTtl) {

  public static final int MAX_RULES = 200;

  /** One rule: a type or a data class (or neither: every type), optional region, an action. */
  public record RuleDocument(
      @Schema(
              description =
                  "The data type the rule applies to (EMAIL, PHONE, CN_RESIDENT_ID, US_SSN, PAYMENT_CARD, IBAN, IP_ADDRESS, SECRET, DATE_OF_BIRTH, POSTAL_ADDRESS, PERSON_NAME)",
              example = "EMAIL")
          String type,
      @Schema(
              description =
                  "The data class it applies to instead (PII, FINANCIAL, CREDENTIAL); neither type nor class: every type",
              example = "PII")
          String dataClass,
      @Schema(description = "Only in this region (EU, US, CN, GLOBAL)", example = "EU")
          String region,
      @Schema(
              description = "ALLOW, REDACT, MASK, HASH, TOKENIZE, ENCRYPT or BLOCK",
              example = "TOKENIZE")
          String action) {}

  List<PolicyNames.RuleNames> ruleNames() {
    return rules.stream()
        .map(r -> new PolicyNames.RuleNames(r.type(), r.dataClass(), r.region(), r.action()))
        .toList();
  }
}
