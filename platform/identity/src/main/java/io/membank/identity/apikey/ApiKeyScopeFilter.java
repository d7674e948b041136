package io.membank.identity.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.http.Problem;
import io.membank.http.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Holds a scoped API key to its scope: a key made for one {@code user_id} (or {@code agent_id}) may
 * not name another one in the path, the query or the JSON body (top level, or in the objects of a
 * top-level array such as a batch's items). A request that does is refused with 403 naming the
 * field, before the resource runs. Keys without a scope and JWTs are not looked at.
 */
public class ApiKeyScopeFilter {

  /** The request fields a scope restricts, with the claim that holds the allowed value. */
  enum ScopedField {
    USER_ID("user_id", ApiKeyPrincipal.USER_SCOPE_CLAIM),
    AGENT_ID("agent_id", ApiKeyPrincipal.AGENT_SCOPE_CLAIM);

    final String field;
    final String claim;

    ScopedField(String field, String claim) {
      this.field = field;
      this.claim = claim;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Null to let the request through, else the 403 to answer with. */
  @ServerRequestFilter(readBody = true)
  public Response check(ContainerRequestContext request) throws IOException {
    if (!(request.getSecurityContext().getUserPrincipal() instanceof ApiKeyPrincipal key)) {
      return null;
    }
    List<ScopedField> scoped = new ArrayList<>();
    for (ScopedField f : ScopedField.values()) {
      if (key.getClaim(f.claim) != null) {
        scoped.add(f);
      }
    }
    if (scoped.isEmpty()) {
      return null;
    }
    JsonNode body = body(request);
    for (ScopedField f : scoped) {
      String allowed = key.getClaim(f.claim);
      Optional<String> other =
          named(request, body, f.field).stream().filter(v -> !v.equals(allowed)).findFirst();
      if (other.isPresent()) {
        String detail =
            "This API key is scoped to "
                + f.field
                + " "
                + allowed
                + "; the request names "
                + f.field
                + " "
                + other.get();
        return ProblemMappers.respond(
            Problem.of(403, "key-scope", "Outside the key's scope", detail)
                .withErrors(List.of(new Problem.FieldError(f.field, detail))),
            request.getUriInfo());
      }
    }
    return null;
  }

  /** Every value of the field the request names, in the path, the query and the body. */
  private static List<String> named(ContainerRequestContext request, JsonNode body, String field) {
    List<String> values = new ArrayList<>();
    addAll(values, request.getUriInfo().getPathParameters(), field);
    addAll(values, request.getUriInfo().getQueryParameters(), field);
    if (body != null) {
      collect(values, body, field);
      // The items of a top-level array (a batch), or of an array field of the top-level object.
      for (JsonNode child : body) {
        if (body.isArray()) {
          collect(values, child, field);
        } else if (child.isArray()) {
          child.forEach(item -> collect(values, item, field));
        }
      }
    }
    return values;
  }

  private static void addAll(
      List<String> values, MultivaluedMap<String, String> params, String field) {
    List<String> found = params.get(field);
    if (found != null) {
      values.addAll(found);
    }
  }

  private static void collect(List<String> values, JsonNode node, String field) {
    JsonNode value = node.isObject() ? node.get(field) : null;
    if (value != null && !value.isNull()) {
      values.add(value.isTextual() ? value.asText() : value.toString());
    }
  }

  /**
   * The JSON body, read and put back for the resource; null when there is none or it is not JSON.
   */
  private static JsonNode body(ContainerRequestContext request) throws IOException {
    MediaType type = request.getMediaType();
    if (!request.hasEntity()
        || type == null
        || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
      return null;
    }
    byte[] bytes;
    try (InputStream in = request.getEntityStream()) {
      bytes = in.readAllBytes();
    }
    request.setEntityStream(new ByteArrayInputStream(bytes));
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      return null; // the resource answers 400 for a malformed body
    }
  }
}
