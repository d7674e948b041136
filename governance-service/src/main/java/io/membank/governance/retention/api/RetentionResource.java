package io.membank.governance.retention.api;

import io.membank.governance.retention.api.RetentionDtos.HoldPage;
import io.membank.governance.retention.api.RetentionDtos.HoldRequest;
import io.membank.governance.retention.api.RetentionDtos.HoldView;
import io.membank.governance.retention.api.RetentionDtos.PolicyPage;
import io.membank.governance.retention.api.RetentionDtos.PolicyRequest;
import io.membank.governance.retention.api.RetentionDtos.PolicyView;
import io.membank.governance.retention.api.RetentionDtos.RunPage;
import io.membank.governance.retention.api.RetentionDtos.RunRequest;
import io.membank.governance.retention.api.RetentionDtos.RunView;
import io.membank.governance.retention.config.RetentionConfig;
import io.membank.governance.retention.service.InvalidRetentionRequestException;
import io.membank.governance.retention.service.RetentionEnforcer;
import io.membank.governance.retention.service.RetentionService;
import io.membank.governance.retention.service.RetentionService.Actor;
import io.membank.governance.retention.store.RetentionStore;
import io.membank.governance.retention.store.RetentionStore.After;
import io.membank.governance.retention.store.RetentionStore.Run;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Retention (issue 17): a tenant's policies (versioned) and legal holds, and the enforcer's runs.
 * Admins change; admins and auditors read.
 */
@Path("/api/v1/governance/retention")
@Tag(name = "retention")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

  private static final Pattern USER_ID = Pattern.compile("[^\\s/]{1,256}");
  private static final int MAX_REASON = 1000;

  private final RetentionService retention;
  private final RetentionEnforcer enforcer;
  private final RetentionStore runs;
  private final RetentionConfig config;
  private final Caller caller;

  public RetentionResource(
      RetentionService retention,
      RetentionEnforcer enforcer,
      RetentionStore runs,
      RetentionConfig config,
      Caller caller) {
    this.retention = retention;
    this.enforcer = enforcer;
    this.runs = runs;
    this.config = config;
    this.caller = caller;
  }

  @POST
  @Path("/policies")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Create a retention policy", description = "Version 1; audited")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = PolicyView.class)))
  @APIResponse(responseCode = "400", description = "A field is invalid (errors[0].field names it)")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response createPolicy(PolicyRequest body) {
    PolicyView p = PolicyView.of(retention.create(actor(), terms(body)));
    return Response.created(URI.create("/api/v1/governance/retention/policies/" + p.policyId()))
        .entity(p)
        .build();
  }

  @PUT
  @Path("/policies/{policy_id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Change a retention policy",
      description = "Writes a new version; the older ones stay readable; audited")
  @APIResponse(
      responseCode = "200",
      description = "The new version",
      content = @Content(schema = @Schema(implementation = PolicyView.class)))
  @APIResponse(responseCode = "400", description = "A field is invalid (errors[0].field names it)")
  @APIResponse(responseCode = "404", description = "No such policy in the caller's tenant")
  @Consumes(MediaType.APPLICATION_JSON)
  public PolicyView updatePolicy(@PathParam("policy_id") String policyId, PolicyRequest body) {
    RetentionService.Terms terms = terms(body);
    return retention
        .update(actor(), id(policyId, "policy"), terms)
        .map(PolicyView::of)
        .orElseThrow(() -> ProblemException.notFound("retention policy", policyId));
  }

  @DELETE
  @Path("/policies/{policy_id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Retire a retention policy",
      description = "A new version marked retired: no longer enforced, its history kept; audited")
  @APIResponse(
      responseCode = "200",
      description = "The retired version",
      content = @Content(schema = @Schema(implementation = PolicyView.class)))
  @APIResponse(responseCode = "404", description = "No such policy in the caller's tenant")
  public PolicyView retirePolicy(@PathParam("policy_id") String policyId) {
    return retention
        .retire(actor(), id(policyId, "policy"))
        .map(PolicyView::of)
        .orElseThrow(() -> ProblemException.notFound("retention policy", policyId));
  }

  @GET
  @Path("/policies")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "The tenant's retention policies",
      description = "Latest versions, newest first")
  @APIResponse(
      responseCode = "200",
      description = "A page",
      content = @Content(schema = @Schema(implementation = PolicyPage.class)))
  @APIResponse(responseCode = "400", description = "limit or cursor is invalid")
  public PolicyPage policies(
      @QueryParam("include_retired") @DefaultValue("false") boolean withRetired,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("cursor") String cursor) {
    int n = limit(limit);
    List<PolicyView> page =
        retention.policies(caller.tenant(), withRetired, after(cursor), n + 1).stream()
            .map(PolicyView::of)
            .toList();
    return new PolicyPage(
        page.subList(0, Math.min(n, page.size())),
        next(page, n, p -> cursor(p.createdAt(), UUID.fromString(p.policyId()))));
  }

  @GET
  @Path("/policies/{policy_id}")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "A retention policy", description = "Its latest version")
  @APIResponse(
      responseCode = "200",
      description = "The latest version",
      content = @Content(schema = @Schema(implementation = PolicyView.class)))
  @APIResponse(responseCode = "404", description = "No such policy in the caller's tenant")
  public PolicyView policy(@PathParam("policy_id") String policyId) {
    return retention
        .latest(caller.tenant(), id(policyId, "policy"))
        .map(PolicyView::of)
        .orElseThrow(() -> ProblemException.notFound("retention policy", policyId));
  }

  @GET
  @Path("/policies/{policy_id}/versions/{version}")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "One version of a retention policy")
  @APIResponse(
      responseCode = "200",
      description = "That version",
      content = @Content(schema = @Schema(implementation = PolicyView.class)))
  @APIResponse(responseCode = "404", description = "No such policy version in the caller's tenant")
  public PolicyView policyVersion(
      @PathParam("policy_id") String policyId, @PathParam("version") int version) {
    return retention
        .version(caller.tenant(), id(policyId, "policy"), version)
        .map(PolicyView::of)
        .orElseThrow(
            () -> ProblemException.notFound("retention policy version", policyId + "/" + version));
  }

  @POST
  @Path("/holds")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Place a legal hold",
      description = "On one subject (user_id) or the whole tenant: suspends retention; audited")
  @APIResponse(
      responseCode = "201",
      description = "Placed",
      content = @Content(schema = @Schema(implementation = HoldView.class)))
  @APIResponse(responseCode = "400", description = "A field is invalid (errors[0].field names it)")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response hold(HoldRequest body) {
    if (body == null || body.reason() == null || body.reason().isBlank()) {
      throw invalid(new InvalidRetentionRequestException("reason", "reason is required"));
    }
    if (body.reason().length() > MAX_REASON) {
      throw invalid(
          new InvalidRetentionRequestException(
              "reason", "reason: at most " + MAX_REASON + " characters"));
    }
    if (body.userId() != null && !USER_ID.matcher(body.userId()).matches()) {
      throw invalid(
          new InvalidRetentionRequestException("user_id", "user_id: 1-256 characters, no blanks"));
    }
    HoldView h = HoldView.of(retention.hold(actor(), body.userId(), body.reason().strip()));
    return Response.created(URI.create("/api/v1/governance/retention/holds/" + h.holdId()))
        .entity(h)
        .build();
  }

  @POST
  @Path("/holds/{hold_id}/release")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Release a legal hold",
      description =
          "Retention applies again from the next run; audited. Releasing twice is harmless")
  @APIResponse(
      responseCode = "200",
      description = "The released hold",
      content = @Content(schema = @Schema(implementation = HoldView.class)))
  @APIResponse(responseCode = "404", description = "No such hold in the caller's tenant")
  public HoldView release(@PathParam("hold_id") String holdId) {
    return retention
        .release(actor(), id(holdId, "hold"))
        .map(HoldView::of)
        .orElseThrow(() -> ProblemException.notFound("legal hold", holdId));
  }

  @GET
  @Path("/holds")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "The tenant's legal holds", description = "Newest first")
  @APIResponse(
      responseCode = "200",
      description = "A page",
      content = @Content(schema = @Schema(implementation = HoldPage.class)))
  @APIResponse(responseCode = "400", description = "limit or cursor is invalid")
  public HoldPage holds(
      @QueryParam("active") @DefaultValue("false") boolean activeOnly,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("cursor") String cursor) {
    int n = limit(limit);
    List<HoldView> page =
        retention.holds(caller.tenant(), activeOnly, after(cursor), n + 1).stream()
            .map(HoldView::of)
            .toList();
    return new HoldPage(
        page.subList(0, Math.min(n, page.size())),
        next(page, n, h -> cursor(h.createdAt(), UUID.fromString(h.holdId()))));
  }

  @GET
  @Path("/holds/{hold_id}")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "A legal hold")
  @APIResponse(
      responseCode = "200",
      description = "The hold",
      content = @Content(schema = @Schema(implementation = HoldView.class)))
  @APIResponse(responseCode = "404", description = "No such hold in the caller's tenant")
  public HoldView getHold(@PathParam("hold_id") String holdId) {
    return retention
        .findHold(caller.tenant(), id(holdId, "hold"))
        .map(HoldView::of)
        .orElseThrow(() -> ProblemException.notFound("legal hold", holdId));
  }

  @POST
  @Path("/runs")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Run retention now",
      description =
          "Starts a run over the caller's tenant (202); 409 while another pass is running")
  @APIResponse(
      responseCode = "202",
      description = "Started",
      content = @Content(schema = @Schema(implementation = RunView.class)))
  @APIResponse(responseCode = "400", description = "as_of given where it is not allowed")
  @APIResponse(responseCode = "409", description = "A pass is running (another replica)")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response startRun(RunRequest body) {
    Instant asOf = body == null ? null : body.asOf();
    if (asOf != null && !config.allowAsOf()) {
      throw invalid(
          new InvalidRetentionRequestException(
              "as_of", "as_of is not allowed here (membank.governance.retention.allow-as-of)"));
    }
    RetentionEnforcer.Pass pass = enforcer.pass("manual", caller.subject(), caller.tenant(), asOf);
    if (!pass.ran()) {
      throw ProblemException.conflict("retention-pass-running", "a retention pass is running");
    }
    Run run = pass.runs().getFirst();
    return Response.accepted(RunView.of(run, runs.rules(run.runId())))
        .location(URI.create("/api/v1/governance/retention/runs/" + run.runId()))
        .build();
  }

  @GET
  @Path("/runs")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "The enforcer's runs over the tenant", description = "Newest first")
  @APIResponse(
      responseCode = "200",
      description = "A page",
      content = @Content(schema = @Schema(implementation = RunPage.class)))
  @APIResponse(responseCode = "400", description = "limit or cursor is invalid")
  public RunPage listRuns(
      @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
    int n = limit(limit);
    List<Run> page = runs.runs(caller.tenant(), after(cursor), n + 1);
    return new RunPage(
        page.subList(0, Math.min(n, page.size())).stream()
            .map(r -> RunView.of(r, runs.rules(r.runId())))
            .toList(),
        next(page, n, r -> cursor(r.startedAt(), r.runId())));
  }

  @GET
  @Path("/runs/{run_id}")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "A run",
      description = "Per policy: cutoff, what was erased and what a legal hold kept")
  @APIResponse(
      responseCode = "200",
      description = "The run",
      content = @Content(schema = @Schema(implementation = RunView.class)))
  @APIResponse(responseCode = "404", description = "No such run in the caller's tenant")
  public RunView run(@PathParam("run_id") String runId) {
    Run run =
        runs.run(caller.tenant(), id(runId, "run"))
            .orElseThrow(() -> ProblemException.notFound("retention run", runId));
    return RunView.of(run, runs.rules(run.runId()));
  }

  private Actor actor() {
    return new Actor(caller.tenant(), caller.subject(), caller.roles());
  }

  private static RetentionService.Terms terms(PolicyRequest body) {
    if (body == null) {
      throw invalid(
          new InvalidRetentionRequestException("max_age_days", "max_age_days is required"));
    }
    try {
      return RetentionService.terms(
          body.dataClass(), body.scope(), body.region(), body.maxAgeDays());
    } catch (InvalidRetentionRequestException e) {
      throw invalid(e);
    }
  }

  private static UUID id(String text, String what) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("retention " + what, text);
    }
  }

  private static int limit(int limit) {
    if (limit < 1 || limit > 200) {
      throw invalid(new InvalidRetentionRequestException("limit", "limit must be 1-200"));
    }
    return limit;
  }

  private static <T> String next(List<T> page, int limit, Function<T, String> cursor) {
    return page.size() > limit ? cursor.apply(page.get(limit - 1)) : null;
  }

  private static String cursor(Instant at, UUID id) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((micros + "." + id).getBytes(StandardCharsets.UTF_8));
  }

  private static After after(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int dot = text.indexOf('.');
      return new After(
          Instant.EPOCH.plus(Long.parseLong(text.substring(0, dot)), ChronoUnit.MICROS),
          UUID.fromString(text.substring(dot + 1)));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw invalid(
          new InvalidRetentionRequestException(
              "cursor", "cursor must be a next_cursor of this listing"));
    }
  }

  private static ProblemException invalid(InvalidRetentionRequestException e) {
    return new ProblemException(
        Problem.of(400, "invalid-retention-request", "Invalid retention request", e.getMessage())
            .withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage()))));
  }
}
