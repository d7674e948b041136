package io.membank.cost.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.LlmUsageEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Reads an {@code llm.usage} record; anything the ledger cannot price is a poison record. */
public final class UsageParser {

  /** A record that can never be recorded: it goes to the dead-letter topic. */
  public static final class InvalidUsage extends RuntimeException {
    InvalidUsage(String message) {
      super(message);
    }

    InvalidUsage(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final TypeReference<CloudEvent<LlmUsageEvent>> TYPE = new TypeReference<>() {};
  private static final int MAX_NAME = 128;
  private static final Pattern PROMPT_HASH = Pattern.compile("[0-9a-f]{64}");

  private UsageParser() {}

  /** The usage in a CloudEvent in structured JSON; throws {@link InvalidUsage} when malformed. */
  public static Usage parse(String record) {
    if (record == null) {
      throw new InvalidUsage("empty record");
    }
    CloudEvent<LlmUsageEvent> event;
    try {
      event = JSON.readValue(record, TYPE);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidUsage("not a CloudEvent: " + e.getMessage(), e);
    }
    if (!EventTypes.LLM_USAGE_RECORDED.equals(event.type())) {
      throw new InvalidUsage("unexpected type " + event.type());
    }
    LlmUsageEvent u = event.data();
    if (u == null) {
      throw new InvalidUsage("no data");
    }
    require(event.id(), "id");
    require(u.tenantId(), "tenant_id");
    require(u.service(), "service");
    require(u.provider(), "provider");
    require(u.model(), "model");
    require(u.operation(), "operation");
    if (u.occurredAt() == null) {
      throw new InvalidUsage("occurred_at missing");
    }
    if (u.tokensIn() < 0 || u.tokensOut() < 0 || u.latencyMs() < 0) {
      throw new InvalidUsage("negative tokens or latency");
    }
    if (event.tenantid() != null && !event.tenantid().equals(u.tenantId())) {
      throw new InvalidUsage("envelope tenant differs from data tenant");
    }
    return new Usage(
        event.id(),
        u.tenantId(),
        u.occurredAt(),
        u.service(),
        u.provider(),
        u.model(),
        u.operation(),
        u.tokensIn(),
        u.cached() ? u.tokensIn() : 0,
        u.tokensOut(),
        u.latencyMs(),
        u.cached(),
        u.success(),
        userKey(u.tenantId(), u.userId()),
        promptHash(u.promptHash()));
  }

  /**
   * The user as the ledger keeps it: pseudonymous (SHA-256 of tenant and user id), which is all
   * batching needs. An absent or oversized id gives null: an optional field never makes a record
   * poison.
   */
  static String userKey(String tenant, String userId) {
    if (userId == null || userId.isBlank() || userId.length() > MAX_NAME) {
      return null;
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(tenant.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(userId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A well-formed prompt hash (64 lower-case hex digits), else null. */
  static String promptHash(String hash) {
    return hash != null && PROMPT_HASH.matcher(hash).matches() ? hash : null;
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidUsage(field + " missing");
    }
    if (value.length() > MAX_NAME) {
      throw new InvalidUsage(field + " longer than " + MAX_NAME);
    }
  }
}
