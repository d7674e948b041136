package io.membank.memory.ingest.pipeline;

import static io.membank.memory.privacy.PrivacyFixtures.API_KEY;
import static io.membank.memory.privacy.PrivacyFixtures.CARD;
import static io.membank.memory.privacy.PrivacyFixtures.CN_ID;
import static io.membank.memory.privacy.PrivacyFixtures.EMAIL;
import static io.membank.memory.privacy.PrivacyFixtures.RAW;
import static io.membank.memory.privacy.PrivacyFixtures.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.memory.decide.MergeStrategy;
import io.membank.memory.ingest.JobInput;
import io.membank.memory.ingest.LatestExchange;
import io.membank.memory.ingest.Turn;
import io.membank.memory.ingest.TurnContext;
import io.membank.memory.privacy.PrivacyFixtures;
import io.membank.memory.privacy.service.BlockedByPolicyException;
import io.membank.memory.privacy.service.PolicyBook;
import io.membank.memory.privacy.service.PolicyUnknownException;
import io.membank.memory.privacy.service.Protection;
import io.membank.memory.privacy.service.TenantProtector;
import io.membank.privacy.detect.DataType;
import io.membank.privacy.policy.Action;
import io.membank.privacy.protect.FieldCipher;
import io.membank.privacy.protect.Keyring;
import io.membank.privacy.protect.Protector;
import io.membank.privacy.protect.VaultEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProtectStepTest {

  private static final String TENANT = "acme";
  private static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-01T10:00:00Z");

  private final Keyring keyring = PrivacyFixtures.randomKeyring();
  private final PolicyBook book = new PolicyBook(Duration.ofSeconds(15), Clock.systemUTC());
  private final ProtectStep step =
      new ProtectStep(new TenantProtector(book, Optional.of(keyring), new Protector()));

  private static ClaimedJob job(JobInput input) {
    return new ClaimedJob(UUID.randomUUID(), TENANT, "u-1", null, "s-1", 1, input, null);
  }

  /** A write with the values in its content, every context field and the metadata. */
  private static JobInput everywhere() {
    return new JobInput(
        TEXT,
        new TurnContext(
            new LatestExchange("mail me at " + EMAIL, "noted, " + EMAIL, AT),
            List.of(new Turn("m-1", "user", "card " + CARD, AT)),
            "summary: the user gave the key " + API_KEY,
            "s-1"),
        null,
        Map.of(
            "contact",
            EMAIL,
            "nested",
            Map.of("ids", List.of(CN_ID, 42), "flag", true),
            "count",
            3),
        MergeStrategy.merge,
        true,
        AT,
        null,
        null);
  }

  @Test
  void redact_protects_content_context_and_metadata_values_and_reports_counts_only() {
    book.put(PrivacyFixtures.everything(TENANT, 3, Action.REDACT));
    book.confirmCurrent();

    ClaimedJob safe = step.protect(job(everywhere()));

    JobInput in = safe.input();
    assertThat(in.content())
        .isEqualTo(
            "My email is [EMAIL], my card is [PAYMENT_CARD], my ID is [CN_RESIDENT_ID] and my key"
                + " is [SECRET].");
    assertThat(in.context().currentExchange().userMessage()).isEqualTo("mail me at [EMAIL]");
    assertThat(in.context().currentExchange().assistantMessage()).isEqualTo("noted, [EMAIL]");
    assertThat(in.context().recentMessages().get(0).content()).isEqualTo("card [PAYMENT_CARD]");
    assertThat(in.context().rollingSummary()).isEqualTo("summary: the user gave the key [SECRET]");
    assertThat(in.metadata())
        .containsEntry("contact", "[EMAIL]")
        .containsEntry("count", 3)
        .containsEntry("nested", Map.of("ids", List.of("[CN_RESIDENT_ID]", 42), "flag", true));
    // What stays: ids, roles, times, settings.
    assertThat(in.context().recentMessages().get(0).id()).isEqualTo("m-1");
    assertThat(in.timestamp()).isEqualTo(AT);
    assertThat(in.toMap().toString()).doesNotContain(RAW);

    Protection protection = safe.protection();
    assertThat(protection.policyVersion()).isEqualTo(3);
    assertThat(protection.counts())
        .containsExactlyInAnyOrder(
            new Protection.Count(DataType.EMAIL, Action.REDACT, 4),
            new Protection.Count(DataType.PAYMENT_CARD, Action.REDACT, 2),
            new Protection.Count(DataType.CN_RESIDENT_ID, Action.REDACT, 2),
            new Protection.Count(DataType.SECRET, Action.REDACT, 2));
    assertThat(protection.vaultEntries()).isEmpty();
    assertThat(protection.toString()).doesNotContain(RAW);
  }

  @Test
  void a_conversations_turns_are_protected_too() {
    book.confirmCurrent(); // the built-in default: credentials redacted, cards and ids masked
    JobInput conversation =
        new JobInput(
            null,
            null,
            List.of(
                new Turn("m-1", "user", "my key is " + API_KEY, AT),
                new Turn("m-2", "assistant", "and the card " + CARD + "?", AT)),
            null,
            MergeStrategy.merge,
            true,
            null,
            null,
            null);

    ClaimedJob safe = step.protect(job(conversation));

    assertThat(safe.input().messages())
        .extracting(Turn::content)
        .containsExactly("my key is [SECRET]", "and the card **** **** **** 1111?");
    assertThat(safe.protection().policyVersion()).isZero();
  }

  @Test
  void tokenize_yields_one_vault_entry_per_distinct_value_that_opens_to_the_value() {
    book.put(PrivacyFixtures.only(TENANT, 5, DataType.EMAIL, Action.TOKENIZE));
    book.confirmCurrent();

    ClaimedJob safe = step.protect(job(everywhere()));

    String token = Protector.token(DataType.EMAIL, EMAIL, keyring.forTenant(TENANT));
    assertThat(safe.input().content()).contains("[EMAIL:" + token + "]").doesNotContain(EMAIL);
    assertThat(safe.input().metadata()).containsEntry("contact", "[EMAIL:" + token + "]");
    List<VaultEntry> vault = safe.protection().vaultEntries();
    assertThat(vault).hasSize(1);
    assertThat(vault.get(0).token()).isEqualTo(token);
    assertThat(vault.get(0).ciphertext()).doesNotContain(EMAIL);
    assertThat(FieldCipher.decrypt(vault.get(0).ciphertext(), token, keyring.forTenant(TENANT)))
        .isEqualTo(EMAIL);
    assertThat(safe.protection().counts())
        .contains(new Protection.Count(DataType.EMAIL, Action.TOKENIZE, 4));
  }

  @Test
  void block_fails_the_job_with_the_types_and_version_and_never_a_value() {
    book.put(PrivacyFixtures.only(TENANT, 8, DataType.PAYMENT_CARD, Action.BLOCK));
    book.confirmCurrent();

    assertThatThrownBy(() -> step.protect(job(everywhere())))
        .isInstanceOf(BlockedByPolicyException.class)
        .hasMessageContaining("PAYMENT_CARD")
        .hasMessageContaining("v8")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(RAW))
        .extracting(e -> ((BlockedByPolicyException) e).protection().counts())
        .asList()
        .contains(new Protection.Count(DataType.PAYMENT_CARD, Action.BLOCK, 2));
  }

  @Test
  void a_job_waits_while_the_policies_are_loading() {
    book.put(PrivacyFixtures.everything(TENANT, 3, Action.REDACT));

    assertThatThrownBy(() -> step.protect(job(everywhere())))
        .isInstanceOf(PolicyUnknownException.class);
  }

  @Test
  void a_keyed_policy_without_a_keyring_makes_the_job_wait_rather_than_store_raw() {
    PolicyBook keyless = new PolicyBook(Duration.ofSeconds(15), Clock.systemUTC());
    keyless.put(PrivacyFixtures.only(TENANT, 2, DataType.EMAIL, Action.HASH));
    keyless.confirmCurrent();
    ProtectStep noKeys =
        new ProtectStep(new TenantProtector(keyless, Optional.empty(), new Protector()));

    assertThatThrownBy(() -> noKeys.protect(job(everywhere())))
        .isInstanceOf(PolicyUnknownException.class)
        .extracting(e -> ((PolicyUnknownException) e).reason())
        .isEqualTo(PolicyUnknownException.Reason.NO_KEYRING);
  }

  @Test
  void a_text_without_personal_data_passes_unchanged_with_an_empty_summary() {
    book.confirmCurrent();
    JobInput plain =
        new JobInput(
            "I love hiking in the Alps.",
            null,
            null,
            null,
            MergeStrategy.merge,
            true,
            null,
            null,
            null);

    ClaimedJob safe = step.protect(job(plain));

    assertThat(safe.input()).isEqualTo(plain);
    assertThat(safe.protection().counts()).isEmpty();
  }
}
