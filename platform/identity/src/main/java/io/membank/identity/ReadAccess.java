package io.membank.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.AuditEvent;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.http.RequestIds;
import io.membank.http.Traces;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

/**
 * The {@code access} audit event of one read of a subject's memories by the current caller: who,
 * from where, whose memories, how many were returned and the SHA-256 of the query (never its text,
 * which may hold personal data). Services without an outbox (search, graph) put it on {@code
 * audit.events} themselves, so a subject's access history is complete across services.
 */
@ApplicationScoped
public class ReadAccess {

  /** Details key: how many memories (or entities) the answer held. */
  public static final String RETURNED = "returned";

  /** Details key: lower-case hex SHA-256 of the query text, when the read had one. */
  public static final String QUERY_SHA256 = "query_sha256";

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final Caller caller;
  private final HttpServerRequest request;
  private final String service;

  ReadAccess(
      Caller caller,
      HttpServerRequest request,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.caller = caller;
    this.request = request;
    this.service = service;
  }

  /**
   * The event of a successful read.
   *
   * @param resourceType what was read ({@code memory_search}, {@code user_graph}…)
   * @param resourceId the resource's id (a memory id, a user id)
   * @param subject the user whose memories were read, when known
   * @param returned how many items the answer held
   * @param query the query text, hashed here and never kept (null: none)
   * @param extra further details (numbers, modes; never user text)
   */
  public AuditEvent of(
      String resourceType,
      String resourceId,
      String subject,
      int returned,
      String query,
      Map<String, Object> extra) {
    Map<String, Object> details = new LinkedHashMap<>(extra);
    details.put(RETURNED, returned);
    if (query != null) {
      details.put(QUERY_SHA256, sha256(query));
    }
    boolean isService = caller.hasRole(Roles.SERVICE);
    return new AuditEvent(
        caller.tenant(),
        OffsetDateTime.now(),
        service,
        new AuditEvent.Actor(
            isService ? "service" : "user",
            caller.subject(),
            null,
            List.copyOf(new TreeSet<>(caller.roles()))),
        AuditEvent.Action.ACCESS,
        new AuditEvent.Resource(resourceType, resourceId, subject),
        AuditEvent.Outcome.SUCCESS,
        request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
        request.getHeader("User-Agent"),
        null,
        Traces.currentTraceId(),
        requestId(),
        details);
  }

  /** The event as an {@code audit.events} record: a CloudEvent in JSON, from {@code source}. */
  public static String asRecord(AuditEvent event, String source) {
    try {
      return JSON.writeValueAsString(
          CloudEvent.of(
              EventTypes.AUDIT_RECORDED, source, event.resource().id(), event.tenantId(), event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit event not serializable", e);
    }
  }

  /** Lower-case hex SHA-256 of the UTF-8 text. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static String requestId() {
    Object id = MDC.get(RequestIds.KEY);
    return id == null ? null : id.toString();
  }
}
