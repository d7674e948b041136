package io.membank.governance.erasure.api;

import io.membank.contracts.ErasureConfirmed;
import io.membank.governance.erasure.api.ErasureDtos.ErasureReport;
import io.membank.governance.erasure.api.ErasureDtos.ErasureStatus;
import io.membank.governance.erasure.api.ErasureDtos.ServiceResult;
import io.membank.governance.erasure.config.ErasureConfig;
import io.membank.governance.erasure.service.ErasureReports;
import io.membank.governance.erasure.service.ErasureService;
import io.membank.governance.erasure.store.ErasureStore.Confirmation;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A data subject's erasure everywhere (issue 17): start it (admin), follow it, and download its
 * verification report (JSON or PDF).
 */
@Path("/api/v1/governance")
@Tag(name = "erasure")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {

  private static final Pattern USER_ID = Pattern.compile("[^\\s/]{1,256}");
  private static final String PDF = "application/pdf";

  private final ErasureService erasures;
  private final ErasureConfig config;
  private final Caller caller;
  private final Clock clock;

  public ErasureResource(
      ErasureService erasures, ErasureConfig config, Caller caller, Clock clock) {
    this.erasures = erasures;
    this.config = config;
    this.caller = caller;
    this.clock = clock;
  }

  @POST
  @Path("/subjects/{user_id}/erasure")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Erase a data subject everywhere",
      description =
          "Starts the erasure saga for the user of the caller's tenant (202 with its state); when"
              + " one is already open for the user, answers 200 with that one (idempotent)")
  @APIResponse(
      responseCode = "202",
      description = "Started: the new erasure's state (Location: its status URL)",
      content = @Content(schema = @Schema(implementation = ErasureStatus.class)))
  @APIResponse(
      responseCode = "200",
      description = "An erasure of this user is already open: its state",
      content = @Content(schema = @Schema(implementation = ErasureStatus.class)))
  @APIResponse(responseCode = "400", description = "user_id is not a valid user id")
  public Response erase(@PathParam("user_id") String userId) {
    if (userId == null || !USER_ID.matcher(userId).matches()) {
      throw ProblemException.badRequest("invalid-user-id", "user_id: 1-256 characters, no blanks");
    }
    ErasureService.View view =
        erasures.start(
            new ErasureService.Requester(caller.tenant(), caller.subject(), caller.roles()),
            userId,
            "request");
    ErasureStatus status = status(view);
    return Response.status(view.created() ? 202 : 200)
        .location(URI.create("/api/v1/governance/erasures/" + status.erasureId()))
        .entity(status)
        .build();
  }

  @GET
  @Path("/erasures/{erasure_id}")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "An erasure's state", description = "Status, attempts, confirmed services")
  @APIResponse(
      responseCode = "200",
      description = "The erasure's state",
      content = @Content(schema = @Schema(implementation = ErasureStatus.class)))
  @APIResponse(responseCode = "404", description = "No such erasure in the caller's tenant")
  public ErasureStatus get(@PathParam("erasure_id") String erasureId) {
    return status(load(erasureId));
  }

  @GET
  @Path("/erasures/{erasure_id}/report")
  @Produces({MediaType.APPLICATION_JSON, PDF})
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "An erasure's verification report",
      description =
          "Per service and store: counts before and after, the direct check and what it found;"
              + " format=json (default) or pdf")
  @APIResponse(
      responseCode = "200",
      description = "The report, as JSON or as a PDF document",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErasureReport.class)),
        @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"))
      })
  @APIResponse(responseCode = "400", description = "format is neither json nor pdf")
  @APIResponse(responseCode = "404", description = "No such erasure in the caller's tenant")
  public Response report(
      @PathParam("erasure_id") String erasureId,
      @QueryParam("format") @DefaultValue("json") String format) {
    if (!"json".equals(format) && !"pdf".equals(format)) {
      throw ProblemException.badRequest("invalid-format", "format: json or pdf");
    }
    ErasureService.View view = load(erasureId);
    Map<String, Confirmation> byService =
        view.confirmations().stream()
            .collect(Collectors.toMap(Confirmation::service, Function.identity()));
    List<ServiceResult> services = new ArrayList<>();
    for (String service : config.services()) {
      Confirmation c = byService.get(service);
      services.add(
          c == null
              ? new ServiceResult(service, false, false, null, null, List.of())
              : new ServiceResult(
                  service, true, c.clean(), c.attempt(), c.confirmedAt(), c.stores()));
    }
    boolean verified =
        services.stream()
            .allMatch(
                s ->
                    s.clean()
                        && s.stores().stream()
                            .allMatch(
                                (ErasureConfirmed.StoreCount c) ->
                                    c.after() == 0 && c.remaining() == 0));
    ErasureReport report = new ErasureReport(status(view), verified, services, clock.instant());
    if ("pdf".equals(format)) {
      return Response.ok(ErasureReports.pdf(report), PDF)
          .header(
              "Content-Disposition", "attachment; filename=erasure-" + erasureId + "-report.pdf")
          .build();
    }
    return Response.ok(report, MediaType.APPLICATION_JSON).build();
  }

  private ErasureService.View load(String erasureId) {
    UUID id;
    try {
      id = UUID.fromString(erasureId);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("erasure", erasureId);
    }
    return erasures
        .find(caller.tenant(), id)
        .orElseThrow(() -> ProblemException.notFound("erasure", erasureId));
  }

  private ErasureStatus status(ErasureService.View view) {
    return ErasureStatus.of(
        view.erasure(), view.confirmations(), erasures.missing(view.erasure().id()));
  }
}
