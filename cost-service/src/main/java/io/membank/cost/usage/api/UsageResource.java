package io.membank.cost.usage.api;

import io.membank.cost.access.Instants;
import io.membank.cost.access.Operators;
import io.membank.cost.usage.GroupBy;
import io.membank.cost.usage.UsageReport;
import io.membank.cost.usage.UsageReports;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller tenant's LLM usage and spend, from the ledger's aggregates. */
@Path("/api/v1/cost")
@Tag(name = "usage")
@APIResponse(
    responseCode = "400",
    description = "Invalid parameter",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "403", description = "No role that may read usage")
public class UsageResource {

  private final UsageReports reports;
  private final Caller caller;
  private final Operators operators;

  UsageResource(UsageReports reports, Caller caller, Operators operators) {
    this.reports = reports;
    this.caller = caller;
    this.operators = operators;
  }

  @GET
  @Path("/usage")
  @Produces({MediaType.APPLICATION_JSON, UsageCsv.MEDIA_TYPE})
  @RolesAllowed({Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "Usage and spend",
      description =
          "The caller tenant's model calls, tokens and USD spend in [from, to) (ISO-8601; default"
              + " this UTC month up to now; hour-aligned), grouped by a comma-separated list of"
              + " service, operation, provider, model, hour, day. JSON, or CSV with format=csv or"
              + " Accept: text/csv. Paged with limit/offset; next_offset names the next page.")
  @APIResponse(
      responseCode = "200",
      description = "The report",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = UsageReport.class)),
        @Content(mediaType = UsageCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))
      })
  public Response usage(
      @QueryParam("group_by") String groupBy,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("format") @Pattern(regexp = "json|csv") String format,
      @QueryParam("limit") @DefaultValue("1000") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @Context HttpHeaders headers) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime end = Instants.parse("to", to, now);
    OffsetDateTime start =
        Instants.parse(
            "from",
            from,
            end.withOffsetSameInstant(ZoneOffset.UTC)
                .withDayOfMonth(1)
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS));
    UsageReport report =
        reports.report(caller.tenant(), start, end, dimensions(groupBy), limit, offset);
    if (wantsCsv(format, headers)) {
      return Response.ok(UsageCsv.write(report), UsageCsv.MEDIA_TYPE + "; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"usage.csv\"")
          .build();
    }
    return Response.ok(report, MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("/tenants/{tenant}/summary")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "Tenant spend summary",
      description =
          "Spend today and this UTC month, by operation, with the budgets that apply and the"
              + " current budget state. Only the caller's own tenant (operator admins: any).")
  @APIResponse(
      responseCode = "404",
      description = "Not the caller's tenant",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "200",
      description = "The tenant's spend, budgets and budget state",
      content = @Content(schema = @Schema(implementation = UsageReports.Summary.class)))
  public UsageReports.Summary summary(@PathParam("tenant") String tenant) {
    if (!tenant.equals(caller.tenant()) && !operators.isOperator()) {
      throw ProblemException.notFound("tenant", tenant);
    }
    return reports.summary(tenant);
  }

  private static boolean wantsCsv(String format, HttpHeaders headers) {
    if (format != null) {
      return format.equals("csv");
    }
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
        return false;
      }
      if (type.isCompatible(MediaType.valueOf(UsageCsv.MEDIA_TYPE)) && !type.isWildcardType()) {
        return true;
      }
    }
    return false;
  }

  private static List<GroupBy> dimensions(String groupBy) {
    List<GroupBy> out = new ArrayList<>();
    if (groupBy == null || groupBy.isBlank()) {
      return out;
    }
    for (String name : groupBy.split(",")) {
      GroupBy g = GroupBy.ofWire(name.trim());
      if (g == null) {
        throw ProblemException.badRequest(
            "invalid-group-by",
            "group_by takes service, operation, provider, model, hour, day; not '"
                + name.trim()
                + "'");
      }
      if (!out.contains(g)) {
        out.add(g);
      }
    }
    if (out.contains(GroupBy.HOUR) && out.contains(GroupBy.DAY)) {
      throw ProblemException.badRequest("invalid-group-by", "group by hour or day, not both");
    }
    return out;
  }
}
