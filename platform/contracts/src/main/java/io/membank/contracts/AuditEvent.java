package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Data of {@code audit.events}: one access, change, delete or export, as its service saw it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
    @JsonProperty("tenant_id") String tenantId,
    @JsonProperty("occurred_at") OffsetDateTime occurredAt,
    String service,
    Actor actor,
    Action action,
    Resource resource,
    Outcome outcome,
    String ip,
    @JsonProperty("user_agent") String userAgent,
    @JsonProperty("session_id") String sessionId,
    @JsonProperty("trace_id") String traceId,
    @JsonProperty("request_id") String requestId,
    Map<String, Object> details) {

  /** Who acted. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Actor(String type, String id, String name, List<String> roles) {}

  /** What was acted on. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resource(String type, String id, @JsonProperty("owner_id") String ownerId) {}

  /** The kind of action. */
  public enum Action {
    @JsonProperty("access")
    ACCESS,
    @JsonProperty("create")
    CREATE,
    @JsonProperty("modify")
    MODIFY,
    @JsonProperty("delete")
    DELETE,
    @JsonProperty("export")
    EXPORT,
    @JsonProperty("login")
    LOGIN,
    @JsonProperty("admin")
    ADMIN
  }

  /** How it ended. */
  public enum Outcome {
    @JsonProperty("success")
    SUCCESS,
    @JsonProperty("failure")
    FAILURE,
    @JsonProperty("unauthorized")
    UNAUTHORIZED
  }
}
