package io.membank.memory.export;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.membank.http.Ids;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Service-to-service: one page of a data subject's memories, each with its full history, for
 * governance-service's subject export (issue 17). Every column as stored (deleted and closed
 * memories too); keyset paging by memory id, so a page costs the same wherever it is. Only
 * credentials with the {@code service} role may call it; the gateway never routes {@code
 * /internal}.
 */
@Path("/internal/v1/subjects/{user_id}/export/memories")
@Tag(name = "internal")
@Produces(MediaType.APPLICATION_JSON)
public class SubjectExportResource {

  /** One page of records. */
  public record ExportPage(
      @Schema(
              description =
                  "The memories (every column as stored), each with its history (oldest first)")
          List<Map<String, Object>> items,
      @Schema(
              description = "Pass back as cursor for the next page; null at the end",
              example = "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c",
              nullable = true)
          String nextCursor,
      @Schema(description = "How many memories the subject has", example = "1200") long total) {}

  private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};

  private final AgroalDataSource dataSource;
  private final Caller caller;
  private final ObjectMapper json;

  SubjectExportResource(AgroalDataSource dataSource, Caller caller, ObjectMapper json) {
    this.dataSource = dataSource;
    this.caller = caller;
    this.json = json;
  }

  @GET
  @RolesAllowed(Roles.SERVICE)
  @Operation(
      summary = "A data subject's memories with their history (service-to-service)",
      description =
          "For governance-service's export: every memory of the user in the credential's tenant,"
              + " ordered by id, each with all its versions")
  @APIResponse(
      responseCode = "200",
      description = "One page",
      content = @Content(schema = @Schema(implementation = ExportPage.class)))
  @APIResponse(responseCode = "400", description = "Invalid user id, limit or cursor")
  @APIResponse(responseCode = "401", description = "Missing or invalid credential")
  @APIResponse(responseCode = "403", description = "Not a service credential")
  public ExportPage page(
      @PathParam("user_id") @Pattern(regexp = Ids.PATTERN) String userId,
      @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit,
      @QueryParam("cursor") String cursor) {
    UUID after = null;
    if (cursor != null && !cursor.isEmpty()) {
      try {
        after = UUID.fromString(cursor);
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("invalid-cursor", "cursor: not a cursor of this list");
      }
    }
    String tenant = caller.tenant();
    try (Connection c = dataSource.getConnection()) {
      long total = count(c, tenant, userId);
      Map<UUID, ObjectNode> page = memories(c, tenant, userId, after, limit + 1);
      String next = null;
      if (page.size() > limit) {
        List<UUID> ids = new ArrayList<>(page.keySet());
        page.remove(ids.get(limit));
        next = ids.get(limit - 1).toString();
      }
      addHistory(c, tenant, page);
      List<Map<String, Object>> items = new ArrayList<>(page.size());
      page.values().forEach(m -> items.add(json.convertValue(m, ROW)));
      return new ExportPage(items, next, total);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("subject export read failed", e);
    }
  }

  private static long count(Connection c, String tenant, String user) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select count(*) from memories where tenant_id = ? and user_id = ?")) {
      s.setString(1, tenant);
      s.setString(2, user);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private Map<UUID, ObjectNode> memories(
      Connection c, String tenant, String user, UUID after, int limit)
      throws SQLException, IOException {
    Map<UUID, ObjectNode> page = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select m.id, to_jsonb(m)::text from memories m where m.tenant_id = ? and m.user_id = ?"
                + " and (?::uuid is null or m.id > ?::uuid) order by m.id limit ?")) {
      s.setString(1, tenant);
      s.setString(2, user);
      s.setObject(3, after);
      s.setObject(4, after);
      s.setInt(5, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ObjectNode memory = (ObjectNode) json.readTree(r.getString(2));
          memory.putArray("history");
          page.put(r.getObject(1, UUID.class), memory);
        }
      }
    }
    return page;
  }

  private void addHistory(Connection c, String tenant, Map<UUID, ObjectNode> page)
      throws SQLException, IOException {
    if (page.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "select h.memory_id, to_jsonb(h)::text from memory_history h where h.tenant_id = ?"
                + " and h.memory_id = any(?) order by h.memory_id, h.version, h.id")) {
      s.setString(1, tenant);
      s.setArray(2, c.createArrayOf("uuid", page.keySet().toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ((ArrayNode) page.get(r.getObject(1, UUID.class)).get("history"))
              .add(json.readTree(r.getString(2)));
        }
      }
    }
  }
}
