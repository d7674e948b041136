package io.membank.cost.ledger;

import static io.membank.cost.CostTestSupport.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.cost.ledger.UsageParser.InvalidUsage;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UsageParserTest {

  private static final OffsetDateTime T0 =
      OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void readsTheEventIdTenantAndTokensOfAUsageEvent() {
    Usage u =
        UsageParser.parse(usage("e-1", "acme", T0, "openai", "gpt-4o-mini", "extract", 100, 20));

    assertThat(u.eventId()).isEqualTo("e-1");
    assertThat(u.tenantId()).isEqualTo("acme");
    assertThat(u.occurredAt()).isEqualTo(T0);
    assertThat(u.tokensIn()).isEqualTo(100);
    assertThat(u.tokensCachedIn()).isZero();
    assertThat(u.tokensOut()).isEqualTo(20);
  }

  @Test
  void rejectsWhatCannotBePriced() {
    String good = usage("e-1", "acme", T0, "openai", "gpt-4o-mini", "extract", 100, 20);

    assertThatThrownBy(() -> UsageParser.parse("not json")).isInstanceOf(InvalidUsage.class);
    assertThatThrownBy(() -> UsageParser.parse(good.replace("membank.llm.usage.recorded.v1", "x")))
        .isInstanceOf(InvalidUsage.class)
        .hasMessageContaining("unexpected type");
    assertThatThrownBy(
            () -> UsageParser.parse(good.replace("\"tokens_in\":100", "\"tokens_in\":-1")))
        .isInstanceOf(InvalidUsage.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(
            () ->
                UsageParser.parse(good.replace("\"tenantid\":\"acme\"", "\"tenantid\":\"other\"")))
        .isInstanceOf(InvalidUsage.class)
        .hasMessageContaining("tenant");
    assertThatThrownBy(() -> UsageParser.parse(good.replace("\"model\":\"gpt-4o-mini\",", "")))
        .isInstanceOf(InvalidUsage.class)
        .hasMessageContaining("model");
  }

  @Test
  void theUserIsKeptPseudonymousAndOnlyAWellFormedPromptHashIsKept() {
    String hash = "0123456789abcdef".repeat(4);
    Usage u =
        UsageParser.parse(
            usage("e-2", "acme", T0, "openai", "gpt-4o-mini", "extract", 100, 20, "u-1", hash));
    Usage other =
        UsageParser.parse(
            usage("e-3", "beta", T0, "openai", "gpt-4o-mini", "extract", 100, 20, "u-1", "x"));
    Usage none =
        UsageParser.parse(usage("e-4", "acme", T0, "openai", "gpt-4o-mini", "extract", 100, 20));

    assertThat(u.userKey()).matches("[0-9a-f]{64}").doesNotContain("u-1");
    // the same user id in another tenant is another user
    assertThat(other.userKey()).isNotEqualTo(u.userKey());
    assertThat(u.promptHash()).isEqualTo(hash);
    // a malformed optional field is dropped, never a reason to refuse the usage
    assertThat(other.promptHash()).isNull();
    assertThat(none.userKey()).isNull();
    assertThat(none.promptHash()).isNull();
  }
}
