package io.membank.diagnostics.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.diagnostics.symptom.Severity;
import io.membank.diagnostics.symptom.SymptomType;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {

  @Test
  void theShippedKnowledgeBaseLoadsWithAtLeastTwelveIssuesEachWithEvidenceAndASolution() {
    KnowledgeBase kb = new KnowledgeBase();

    assertThat(kb.issues()).hasSizeGreaterThanOrEqualTo(12);
    assertThat(kb.issues())
        .allSatisfy(
            i -> {
              assertThat(i.rootCause()).isNotBlank();
              assertThat(i.evidence()).isNotEmpty();
              assertThat(i.solutions()).isNotEmpty();
              assertThat(i.indicators()).anyMatch(KnownIssue.Indicator::isRequired);
            });
    assertThat(kb.issue("kafka-broker-down").orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
    // restarting services while the broker is still down cannot help: nothing runs on its own
    assertThat(kb.issue("kafka-broker-down").orElseThrow().solutions())
        .noneMatch(KnownIssue.Solution::automatic);
    assertThat(kb.issue("database-lock-contention")).isPresent();
    assertThat(kb.issue("postgres-connections-exhausted")).isPresent();
    assertThat(kb.issue("consumer-channel-gave-up").orElseThrow().solutions())
        .extracting(KnownIssue.Solution::action)
        .contains(ActionType.RESTART_SERVICE);
  }

  @Test
  void anIssueWithoutARequiredIndicatorIsRejected() {
    KnownIssue vague =
        new KnownIssue(
            "vague",
            "Something",
            Severity.WARNING,
            "unknown",
            List.of(
                new KnownIssue.Indicator(SymptomType.HIGH_LATENCY, null, null, null, null, false)),
            List.of("look"),
            List.of(new KnownIssue.Solution("wait", ActionType.NONE, null, null, Risk.LOW, false)));

    assertThatThrownBy(() -> new KnowledgeBase(List.of(vague)))
        .hasMessageContaining("vague: no required indicator");
  }
}
