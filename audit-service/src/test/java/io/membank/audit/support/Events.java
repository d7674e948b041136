package io.membank.audit.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds {@code audit.events} CloudEvents for tests, with sane defaults for every field. */
public final class Events {

  private static final ObjectMapper JSON = EventJson.newMapper();

  private Events() {}

  /** A tenant no other test uses. */
  public static String tenant() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** An event of the tenant: user u-1 (reader) accessed memory m-1, successfully, now. */
  public static Builder event(String tenant) {
    return new Builder(tenant);
  }

  /** A builder; every setter returns it. */
  public static final class Builder {
    private String id = UUID.randomUUID().toString();
    private final String tenant;
    private Instant occurredAt = Instant.now();
    private String service = "memory-service";
    private String actorType = "user";
    private String actorId = "u-1";
    private List<String> roles = List.of("reader");
    private String action = "access";
    private String resourceType = "memory";
    private String resourceId = "m-1";
    private String ownerId;
    private String outcome = "success";
    private Map<String, Object> details;

    Builder(String tenant) {
      this.tenant = tenant;
    }

    public Builder id(String value) {
      id = value;
      return this;
    }

    public Builder at(Instant value) {
      occurredAt = value;
      return this;
    }

    public Builder actor(String type, String actor, String... actorRoles) {
      actorType = type;
      actorId = actor;
      roles = List.of(actorRoles);
      return this;
    }

    public Builder action(String value) {
      action = value;
      return this;
    }

    public Builder resource(String type, String rid, String owner) {
      resourceType = type;
      resourceId = rid;
      ownerId = owner;
      return this;
    }

    public Builder outcome(String value) {
      outcome = value;
      return this;
    }

    public Builder service(String value) {
      service = value;
      return this;
    }

    public Builder details(Map<String, Object> value) {
      details = value;
      return this;
    }

    public String id() {
      return id;
    }

    /** The event's data object. */
    public ObjectNode data() {
      ObjectNode data = JSON.createObjectNode();
      data.put("tenant_id", tenant);
      data.put("occurred_at", occurredAt.toString());
      data.put("service", service);
      ObjectNode actor = data.putObject("actor");
      actor.put("type", actorType);
      actor.put("id", actorId);
      actor.set("roles", JSON.valueToTree(roles));
      data.put("action", action);
      ObjectNode resource = data.putObject("resource");
      resource.put("type", resourceType);
      resource.put("id", resourceId);
      if (ownerId != null) {
        resource.put("owner_id", ownerId);
      }
      data.put("outcome", outcome);
      data.put("ip", "10.0.0.7");
      data.put("user_agent", "test-agent/1.0");
      data.put("trace_id", "0af7651916cd43dd8448eb211c80319c");
      if (details != null) {
        data.set("details", JSON.valueToTree(details));
      }
      return data;
    }

    /** The CloudEvent (structured mode JSON) with this data. */
    public String json() {
      return envelope(data());
    }

    /** A CloudEvent with this id and tenant around any data. */
    public String envelope(ObjectNode data) {
      ObjectNode e = JSON.createObjectNode();
      e.put("specversion", "1.0");
      e.put("id", id);
      e.put("source", "/membank/" + service);
      e.put("type", EventTypes.AUDIT_RECORDED);
      e.put("subject", resourceId);
      e.put("time", occurredAt.toString());
      e.put("datacontenttype", "application/json");
      e.put("tenantid", tenant);
      e.set("data", data);
      return e.toString();
    }
  }
}
