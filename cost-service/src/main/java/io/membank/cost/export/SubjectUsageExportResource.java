package io.membank.cost.export;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.membank.http.Ids;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Service-to-service: one page of the usage ledger rows keyed to a data subject (their {@code
 * user_key}, SHA-256 of tenant, a zero byte and user id, as the ledger and the erasure compute it),
 * for governance-service's subject export (issue 17). Keyset paging by event id; the tenant comes
 * from the service credential and the user id is a bound parameter. Only credentials with the
 * {@code service} role may call it; the gateway never routes {@code /internal}.
 */
@Path("/internal/v1/subjects/{user_id}/export/usage")
@Tag(name = "internal")
@Produces(MediaType.APPLICATION_JSON)
public class SubjectUsageExportResource {

  /** One page of records. */
  public record ExportPage(
      @Schema(description = "The subject's usage rows, every column as stored")
          List<Map<String, Object>> items,
      @Schema(
              description = "Pass back as cursor for the next page; null at the end",
              example = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
              nullable = true)
          String nextCursor,
      @Schema(description = "How many usage rows are keyed to the subject", example = "1200")
          long total) {}

  private static final String SUBJECT_KEY =
      "encode(sha256(convert_to(?, 'UTF8') || '\\x00'::bytea || convert_to(?, 'UTF8')), 'hex')";
  private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};

  private final AgroalDataSource dataSource;
  private final Caller caller;
  private final ObjectMapper json;

  SubjectUsageExportResource(AgroalDataSource dataSource, Caller caller, ObjectMapper json) {
    this.dataSource = dataSource;
    this.caller = caller;
    this.json = json;
  }

  @GET
  @RolesAllowed(Roles.SERVICE)
  @Operation(
      summary = "A data subject's usage rows (service-to-service)",
      description =
          "For governance-service's export: the ledger rows of the credential's tenant keyed to"
              + " the user, ordered by event id")
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
      @QueryParam("cursor") @Size(max = 200) String cursor) {
    String tenant = caller.tenant();
    String after = cursor == null ? "" : cursor;
    try (Connection c = dataSource.getConnection()) {
      long total;
      try (PreparedStatement s =
          c.prepareStatement(
              "select count(*) from usage_event where tenant_id = ? and user_key = "
                  + SUBJECT_KEY)) {
        s.setString(1, tenant);
        s.setString(2, tenant);
        s.setString(3, userId);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          total = r.getLong(1);
        }
      }
      List<Map<String, Object>> items = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "select u.event_id, to_jsonb(u)::text from usage_event u where u.tenant_id = ? and"
                  + " u.user_key = "
                  + SUBJECT_KEY
                  + " and u.event_id > ? order by u.event_id limit ?")) {
        s.setString(1, tenant);
        s.setString(2, tenant);
        s.setString(3, userId);
        s.setString(4, after);
        s.setInt(5, limit + 1);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            ids.add(r.getString(1));
            items.add(json.readValue(r.getString(2), ROW));
          }
        }
      }
      String next = null;
      if (items.size() > limit) {
        items.remove(limit);
        next = ids.get(limit - 1);
      }
      return new ExportPage(items, next, total);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("subject usage export read failed", e);
    }
  }
}
