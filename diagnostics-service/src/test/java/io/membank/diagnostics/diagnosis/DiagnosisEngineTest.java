package io.membank.diagnostics.diagnosis;

import static io.membank.diagnostics.support.Symptoms.down;
import static io.membank.diagnostics.support.Symptoms.kafkaDown;
import static io.membank.diagnostics.support.Symptoms.lag;
import static io.membank.diagnostics.support.Symptoms.livenessDown;
import static org.assertj.core.api.Assertions.assertThat;

import io.membank.diagnostics.collect.Metric;
import io.membank.diagnostics.knowledge.KnowledgeBase;
import io.membank.diagnostics.support.Symptoms;
import io.membank.diagnostics.symptom.Severity;
import io.membank.diagnostics.symptom.Symptom;
import io.membank.diagnostics.symptom.SymptomType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisEngineTest {

  final DiagnosisEngine engine = new DiagnosisEngine(new KnowledgeBase());

  @Test
  void aBrokerOutageSeenByManyServicesIsOneDiagnosisThatExplainsEverySymptom() {
    List<Symptom> symptoms =
        List.of(
            kafkaDown("memory-service"),
            kafkaDown("search-service"),
            kafkaDown("graph-service"),
            kafkaDown("audit-service"),
            livenessDown("graph-service"),
            lag("graph-service"),
            lag("memory-service-ingest"));

    List<Finding> findings = engine.diagnose(symptoms);

    assertThat(findings).hasSize(1);
    Finding top = findings.getFirst();
    assertThat(top.issue().id()).isEqualTo("kafka-broker-down");
    assertThat(top.rank()).isEqualTo(1);
    assertThat(top.symptoms()).containsExactlyInAnyOrderElementsOf(symptoms);
    assertThat(top.components()).contains("memory-service", "graph-service", "audit-service");
    // every indicator but high_error_rate matched
    assertThat(top.confidence()).isEqualTo(8.0 / 9.0);
    assertThat(top.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void kafkaDownInOneServiceOnlyIsNotABrokerOutage() {
    assertThat(engine.diagnose(List.of(kafkaDown("cost-service"))))
        .extracting(f -> f.issue().id())
        .doesNotContain("kafka-broker-down");
  }

  @Test
  void aKilledServiceAndAnUnrelatedLeakAreTwoRankedDiagnoses() {
    Symptom leak =
        Symptoms.of(
            SymptomType.MEMORY_LEAK, Metric.HEAP_AFTER_GC_RATIO, "cost-service", Severity.WARNING);
    List<Finding> findings =
        engine.diagnose(
            List.of(
                down("search-service"),
                Symptoms.of(
                    SymptomType.EXTERNAL_TIMEOUT,
                    Metric.SIMILAR_UNAVAILABLE_RATIO,
                    "memory-service",
                    Severity.CRITICAL),
                leak));

    assertThat(findings)
        .extracting(f -> f.issue().id())
        .containsExactly("service-process-down", "heap-leak");
    assertThat(findings.getFirst().target()).isEqualTo("search-service");
    assertThat(findings.getFirst().symptoms()).hasSize(2);
    assertThat(findings.get(1).target()).isEqualTo("cost-service");
    assertThat(findings).extracting(Finding::rank).containsExactly(1, 2);
  }

  @Test
  void slowModelCallsRankFirstAboveAnUnrelatedIssueOfTheSameRound() {
    Symptom slowLlm =
        Symptoms.of(
            SymptomType.EXTERNAL_TIMEOUT,
            Metric.LLM_LATENCY_SECONDS,
            "memory-service",
            Severity.CRITICAL);
    Symptom deadLetters =
        Symptoms.of(
            SymptomType.DLQ_GROWTH,
            Metric.DLQ_NEW_RECORDS,
            "memory.events.dlq.graph-service",
            Severity.CRITICAL);

    // A service killed in the same round (service_down + the lag: evidence 5) outranked the
    // LLM's 3 + 1 before its weight was raised.
    List<Finding> findings =
        engine.diagnose(
            List.of(
                deadLetters, down("graph-service"), slowLlm, lag("audit-service"), lag("cost")));

    assertThat(findings.getFirst().issue().id()).isEqualTo("llm-provider-timeouts");
    assertThat(findings.getFirst().rank()).isEqualTo(1);
    assertThat(findings.getFirst().symptoms()).contains(slowLlm, lag("audit-service"));
    assertThat(findings)
        .extracting(f -> f.issue().id())
        .containsExactly("llm-provider-timeouts", "service-process-down", "dlq-growth");
  }

  @Test
  void aStalledChannelIsDiagnosedAsAChannelThatGaveUpNotAsABacklog() {
    List<Finding> findings =
        engine.diagnose(List.of(livenessDown("graph-service"), lag("graph-service")));

    assertThat(findings)
        .extracting(f -> f.issue().id())
        .containsExactly("consumer-channel-gave-up");
    assertThat(findings.getFirst().confidence()).isEqualTo(1.0);
  }

  @Test
  void aWarningSymptomNeverMakesACriticalDiagnosis() {
    Symptom pool =
        Symptoms.of(
            SymptomType.RESOURCE_EXHAUSTION,
            Metric.POOL_USAGE_RATIO,
            "memory-service",
            Severity.WARNING);

    Finding f = engine.diagnose(List.of(pool)).getFirst();

    assertThat(f.issue().id()).isEqualTo("connection-pool-exhausted");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void noSymptomsNoDiagnoses() {
    assertThat(engine.diagnose(List.of())).isEmpty();
  }

  @Test
  void aLockHeldOutsideTheServiceIsLockContentionNotAGenericSlowDatabase() {
    Symptom waits =
        Symptoms.of(
            SymptomType.DATABASE_SLOW, Metric.PG_LOCK_WAITS, "memory-service", Severity.WARNING);
    Symptom oldTransaction =
        Symptoms.of(
            SymptomType.DATABASE_SLOW,
            Metric.PG_OLDEST_TRANSACTION_SECONDS,
            "memory-service",
            Severity.WARNING);
    Symptom slowOperations =
        Symptoms.of(
            SymptomType.DATABASE_SLOW,
            Metric.DB_OPERATION_SECONDS,
            "memory-service",
            Severity.CRITICAL);

    List<Finding> findings = engine.diagnose(List.of(waits, oldTransaction, slowOperations));

    assertThat(findings)
        .extracting(f -> f.issue().id())
        .containsExactly("database-lock-contention");
    assertThat(findings.getFirst().target()).isEqualTo("memory-service");
    assertThat(findings.getFirst().symptoms()).contains(waits, oldTransaction, slowOperations);
  }

  @Test
  void oneDatabaseHoldingMostOfTheServersConnectionsIsConnectionExhaustionOfPostgres() {
    Symptom server =
        Symptoms.of(
            SymptomType.RESOURCE_EXHAUSTION,
            Metric.PG_CONNECTIONS_RATIO,
            "postgresql",
            Severity.WARNING);
    Symptom share =
        Symptoms.of(
            SymptomType.RESOURCE_EXHAUSTION,
            Metric.PG_DATABASE_CONNECTIONS_SHARE,
            "memory-service",
            Severity.CRITICAL);

    List<Finding> findings = engine.diagnose(List.of(server, share));

    assertThat(findings)
        .extracting(f -> f.issue().id())
        .containsExactly("postgres-connections-exhausted");
    // the database holding them is the target, not the server as a whole
    assertThat(findings.getFirst().target()).isEqualTo("memory-service");
    assertThat(findings.getFirst().components()).containsExactly("memory-service", "postgresql");
  }
}
