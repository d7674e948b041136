package io.membank.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.LlmUsageEvent;
import io.membank.testkit.identity.TestTokens;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Test data for cost-service: usage events and credentials. */
public final class CostTestSupport {

  /** The operator tenant configured for tests ({@code %test.membank.cost.operator-tenant}). */
  public static final String OPERATOR = "ops";

  private static final ObjectMapper JSON = EventJson.newMapper();

  private CostTestSupport() {}

  /** A fresh tenant name, so tests never see each other's usage. */
  public static String newTenant() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** An llm.usage record (CloudEvent JSON) with a fresh event id. */
  public static String usage(
      String tenant,
      OffsetDateTime at,
      String provider,
      String model,
      String operation,
      long tokensIn,
      long tokensOut) {
    return usage(
        UUID.randomUUID().toString(), tenant, at, provider, model, operation, tokensIn, tokensOut);
  }

  /** An llm.usage record (CloudEvent JSON) with the given event id. */
  public static String usage(
      String eventId,
      String tenant,
      OffsetDateTime at,
      String provider,
      String model,
      String operation,
      long tokensIn,
      long tokensOut) {
    return usage(eventId, tenant, at, provider, model, operation, tokensIn, tokensOut, null, null);
  }

  /** An llm.usage record (CloudEvent JSON) naming the user and the prompt's hash. */
  public static String usage(
      String eventId,
      String tenant,
      OffsetDateTime at,
      String provider,
      String model,
      String operation,
      long tokensIn,
      long tokensOut,
      String userId,
      String promptHash) {
    LlmUsageEvent data =
        new LlmUsageEvent(
            tenant,
            at,
            "memory-service",
            provider,
            model,
            operation,
            tokensIn,
            tokensOut,
            120,
            false,
            true,
            null,
            null,
            userId,
            promptHash);
    CloudEvent<LlmUsageEvent> event =
        new CloudEvent<>(
            CloudEvent.SPEC_VERSION,
            eventId,
            "/membank/memory-service",
            EventTypes.LLM_USAGE_RECORDED,
            eventId,
            at,
            "application/json",
            null,
            tenant,
            null,
            data);
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A reader of the tenant. */
  public static String reader(String tenant) {
    return "Bearer " + TestTokens.token(tenant, "u-reader", "reader");
  }

  /** An admin of the tenant. */
  public static String admin(String tenant) {
    return "Bearer " + TestTokens.token(tenant, "u-admin", "admin");
  }
}
