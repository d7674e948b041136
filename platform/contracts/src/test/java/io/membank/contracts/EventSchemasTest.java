package io.membank.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final OffsetDateTime T0 =
      OffsetDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC);

  static final MemoryEvent DEFAULT_MEMORY_EVENT =
      new MemoryEvent(
          "m-1",
          "acme",
          "u-1",
          null,
          "s-1",
          MemoryEvent.Operation.CREATED,
          1,
          "Likes green tea",
          "preference",
          0.7,
          List.of("green tea"),
          Map.of("source", "chat"),
          T0,
          null,
          T0,
          T0,
          new MemoryEvent.Provenance("j-1", "s-1", List.of("msg-1"), List.of(T0)));

  @Test
  void memoryEventMatchesItsSchemaAndEnvelope() throws Exception {
    CloudEvent<MemoryEvent> event =
        CloudEvent.of(
            EventTypes.MEMORY_CREATED, "/memory-service", "m-1", "acme", DEFAULT_MEMORY_EVENT);

    assertThat(errors("cloudevent.v1.schema.json", JSON.valueToTree(event))).isEmpty();
    assertThat(errors(Schemas.fileFor(event.type()), JSON.valueToTree(event.data()))).isEmpty();
    assertThat(event.dataschema()).endsWith("memory-event.v1.schema.json");
  }

  @Test
  void schemaRejectsACreatedMemoryWithoutContentOrWithUnknownOperation() throws Exception {
    ObjectNode noContent = JSON.valueToTree(DEFAULT_MEMORY_EVENT);
    noContent.remove("content");
    ObjectNode badOperation = JSON.valueToTree(DEFAULT_MEMORY_EVENT);
    badOperation.put("operation", "renamed");

    assertThat(errors("memory-event.v1.schema.json", noContent)).isNotEmpty();
    assertThat(errors("memory-event.v1.schema.json", badOperation)).isNotEmpty();
  }

  @Test
  void auditAndUsageEventsMatchTheirSchemas() throws Exception {
    AuditEvent audit =
        new AuditEvent(
            "acme",
            T0,
            "memory-service",
            new AuditEvent.Actor("user", "u-1", null, List.of("writer")),
            AuditEvent.Action.DELETE,
            new AuditEvent.Resource("memory", "m-1", "u-1"),
            AuditEvent.Outcome.SUCCESS,
            "127.0.0.1",
            "curl/8",
            null,
            "abc",
            "r-1",
            Map.of());
    LlmUsageEvent usage =
        new LlmUsageEvent(
            "acme",
            T0,
            "memory-service",
            "openai",
            "gpt-4o-mini",
            "extract",
            120,
            40,
            350,
            false,
            true,
            null);

    assertThat(errors(Schemas.fileFor(EventTypes.AUDIT_RECORDED), JSON.valueToTree(audit)))
        .isEmpty();
    assertThat(errors(Schemas.fileFor(EventTypes.LLM_USAGE_RECORDED), JSON.valueToTree(usage)))
        .isEmpty();
  }

  @Test
  void usageWithUserAndPromptHashMatchesItsSchemaAndABadHashDoesNot() throws Exception {
    String hash = "a".repeat(64);
    LlmUsageEvent usage =
        new LlmUsageEvent(
            "acme",
            T0,
            "memory-service",
            "openai",
            "gpt-4o-mini",
            "extract",
            120,
            40,
            350,
            false,
            true,
            null,
            null,
            "u-1",
            hash);
    LlmUsageEvent badHash =
        new LlmUsageEvent(
            "acme",
            T0,
            "memory-service",
            "openai",
            "gpt-4o-mini",
            "extract",
            120,
            40,
            350,
            false,
            true,
            null,
            null,
            "u-1",
            "the prompt itself");

    assertThat(errors(Schemas.fileFor(EventTypes.LLM_USAGE_RECORDED), JSON.valueToTree(usage)))
        .isEmpty();
    assertThat(JSON.valueToTree(usage).path("prompt_hash").asText()).isEqualTo(hash);
    assertThat(JSON.valueToTree(usage).path("user_id").asText()).isEqualTo("u-1");
    assertThat(errors(Schemas.fileFor(EventTypes.LLM_USAGE_RECORDED), JSON.valueToTree(badHash)))
        .isNotEmpty();
  }

  @Test
  void budgetDecisionMatchesItsSchemaAndRoundTrips() throws Exception {
    BudgetDecision decision =
        new BudgetDecision(
            "acme",
            BudgetDecision.State.DEGRADE,
            "gpt-4o-mini",
            BudgetDecision.Period.DAILY,
            T0,
            9.5,
            10.0,
            3,
            T0,
            "daily budget at 95%");
    CloudEvent<BudgetDecision> event =
        CloudEvent.of(
            EventTypes.COST_BUDGET_DECIDED, "/membank/cost-service", "acme", "acme", decision);
    ObjectNode unknownState = JSON.valueToTree(decision);
    unknownState.put("state", "panic");

    assertThat(errors("cloudevent.v1.schema.json", JSON.valueToTree(event))).isEmpty();
    assertThat(errors(Schemas.fileFor(event.type()), JSON.valueToTree(decision))).isEmpty();
    assertThat(errors(Schemas.fileFor(event.type()), unknownState)).isNotEmpty();
    assertThat(JSON.valueToTree(decision).get("state").asText()).isEqualTo("degrade");
    assertThat(JSON.treeToValue(JSON.valueToTree(decision), BudgetDecision.class))
        .isEqualTo(decision);
  }

  @Test
  void roundTripKeepsEveryFieldAndIgnoresFieldsAddedLater() throws Exception {
    ObjectNode tree = JSON.valueToTree(DEFAULT_MEMORY_EVENT);
    tree.put("field_from_a_newer_producer", true);

    MemoryEvent read = JSON.treeToValue(tree, MemoryEvent.class);

    assertThat(read).usingRecursiveComparison().isEqualTo(DEFAULT_MEMORY_EVENT);
  }

  @Test
  void policySnapshotAndVaultedTokenMatchTheirSchemas() throws Exception {
    PolicySnapshot policy =
        new PolicySnapshot(
            "acme",
            3,
            "EU",
            "ALLOW",
            List.of(
                new PolicySnapshot.Rule("EMAIL", null, null, "REDACT"),
                new PolicySnapshot.Rule(null, "FINANCIAL", "EU", "TOKENIZE")),
            T0,
            "admin-1",
            "P90D");
    VaultedToken token =
        new VaultedToken("acme", "tok_abc-_9", "EMAIL", "k1.AAAA_-", "memory-service", T0);

    assertThat(
            errors(
                Schemas.fileFor(EventTypes.GOVERNANCE_POLICY_PUBLISHED), JSON.valueToTree(policy)))
        .isEmpty();
    assertThat(
            errors(Schemas.fileFor(EventTypes.GOVERNANCE_TOKEN_VAULTED), JSON.valueToTree(token)))
        .isEmpty();
  }

  @Test
  void anApiKeyRecordMatchesItsSchemaAndOneGrantingTheServiceRoleDoesNot() throws Exception {
    ApiKeyRecord key =
        new ApiKeyRecord(
            "k3y1d0000001",
            "acme",
            2,
            List.of("reader", "writer"),
            "u-1",
            null,
            T0.plusDays(90),
            false,
            List.of(
                new ApiKeyRecord.Secret("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", null),
                new ApiKeyRecord.Secret("$argon2id$v=19$m=19456,t=2,p=1$b2xk$b2xk", T0)));
    ApiKeyRecord service =
        new ApiKeyRecord(
            "k3y1d0000001", "acme", 1, List.of("service"), null, null, null, false, List.of());

    assertThat(errors(Schemas.fileFor(EventTypes.IDENTITY_KEY_PUBLISHED), JSON.valueToTree(key)))
        .isEmpty();
    assertThat(JSON.treeToValue(JSON.valueToTree(key), ApiKeyRecord.class)).isEqualTo(key);
    assertThat(errors("identity-key.v1.schema.json", JSON.valueToTree(service))).isNotEmpty();
  }

  @Test
  void policySchemaRejectsUnknownActionsRulesNamingTypeAndClassAndWordyExpiries() throws Exception {
    PolicySnapshot unknownAction =
        new PolicySnapshot("acme", 1, "EU", "SHRED", List.of(), null, null);
    PolicySnapshot both =
        new PolicySnapshot(
            "acme",
            1,
            "EU",
            "ALLOW",
            List.of(new PolicySnapshot.Rule("EMAIL", "PII", null, "REDACT")),
            null,
            null);

    assertThat(errors("governance-policy.v1.schema.json", JSON.valueToTree(unknownAction)))
        .isNotEmpty();
    assertThat(errors("governance-policy.v1.schema.json", JSON.valueToTree(both))).isNotEmpty();
    PolicySnapshot wordyExpiry =
        new PolicySnapshot("acme", 1, "EU", "ALLOW", List.of(), null, null, "90 days");
    assertThat(errors("governance-policy.v1.schema.json", JSON.valueToTree(wordyExpiry)))
        .isNotEmpty();
  }

  @Test
  void diagnosticsEventsMatchTheirSchemaAndAKindWithoutItsPartIsRejected() throws Exception {
    DiagnosticsEvent opened =
        new DiagnosticsEvent(
            DiagnosticsEvent.Kind.DIAGNOSIS_OPENED,
            T0,
            new DiagnosticsEvent.Diagnosis(
                "d-1",
                "kafka-broker-down",
                "Kafka broker unavailable",
                "critical",
                0.8,
                List.of("graph-service", "memory-service"),
                "open"),
            null,
            null);
    DiagnosticsEvent action =
        new DiagnosticsEvent(
            DiagnosticsEvent.Kind.ACTION_RECORDED,
            T0,
            null,
            new DiagnosticsEvent.Action(
                "a-1", "d-1", "restart_service", "graph-service", "refused", "rate limit", true),
            null);
    String file = Schemas.fileFor(EventTypes.DIAGNOSIS_OPENED);

    assertThat(errors(file, JSON.valueToTree(opened))).isEmpty();
    assertThat(errors(file, JSON.valueToTree(action))).isEmpty();
    ObjectNode missingPart = JSON.valueToTree(opened);
    missingPart.remove("diagnosis");
    assertThat(errors(file, missingPart)).isNotEmpty();
  }

  @Test
  void deadLetterTopicNamesTheConsumerGroup() {
    assertThat(Topics.deadLetter(Topics.MEMORY_EVENTS, "search-service"))
        .isEqualTo("memory.events.dlq.search-service");
  }

  @Test
  void erasureRequestAndConfirmationMatchTheirSchemas() throws Exception {
    ErasureRequested request = new ErasureRequested("e-1", "acme", "u-1", "request", 1, T0);
    ErasureConfirmed confirmed =
        new ErasureConfirmed(
            "e-1",
            "acme",
            "u-1",
            "memory-service",
            1,
            List.of(
                new ErasureConfirmed.StoreCount(
                    "postgres:membank_memory.memories", 3, 0, "select count(*)", 0)),
            T0);
    CloudEvent<ErasureRequested> event =
        CloudEvent.of(
            EventTypes.GOVERNANCE_ERASURE_REQUESTED, "/governance-service", "e-1", "acme", request);
    ObjectNode noSubject = JSON.valueToTree(request);
    noSubject.remove("subject");

    assertThat(errors(Schemas.fileFor(event.type()), JSON.valueToTree(request))).isEmpty();
    assertThat(
            errors(
                Schemas.fileFor(EventTypes.GOVERNANCE_ERASURE_CONFIRMED),
                JSON.valueToTree(confirmed)))
        .isEmpty();
    assertThat(errors(Schemas.fileFor(event.type()), noSubject)).isNotEmpty();
    assertThat(request.isValidFor(event)).isTrue();
    assertThat(confirmed.clean()).isTrue();
  }

  @Test
  void retentionRequestAndResultMatchTheirSchemasAndARequestRoundTrips() throws Exception {
    RetentionRequested request =
        new RetentionRequested(
            "r-1",
            "acme",
            T0,
            1,
            List.of(new RetentionRequested.Rule("p-1", 2, T0, List.of("EMAIL"), "user")),
            true,
            false,
            List.of("held-user"));
    RetentionApplied applied =
        request.applied("memory-service", List.of(new RetentionApplied.RuleResult("p-1", 3, 1)));
    CloudEvent<RetentionRequested> event =
        CloudEvent.of(
            EventTypes.GOVERNANCE_RETENTION_REQUESTED,
            "/governance-service",
            "r-1",
            "acme",
            request);
    ObjectNode badScope = JSON.valueToTree(request);
    ((ObjectNode) badScope.path("rules").get(0)).put("scope", "team");

    assertThat(errors(Schemas.fileFor(event.type()), JSON.valueToTree(request))).isEmpty();
    assertThat(
            errors(
                Schemas.fileFor(EventTypes.GOVERNANCE_RETENTION_APPLIED),
                JSON.valueToTree(applied)))
        .isEmpty();
    assertThat(errors(Schemas.fileFor(event.type()), badScope)).isNotEmpty();
    assertThat(RetentionRequested.parse(JSON.writeValueAsString(event)))
        .usingRecursiveComparison()
        .isEqualTo(request);
  }

  private static Set<ValidationMessage> errors(String schemaFile, JsonNode document)
      throws Exception {
    try (InputStream in = EventSchemasTest.class.getResourceAsStream("/schemas/" + schemaFile)) {
      JsonSchema schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
      return schema.validate(document);
    }
  }
}
