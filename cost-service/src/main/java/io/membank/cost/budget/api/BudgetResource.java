package io.membank.cost.budget.api;

import io.membank.contracts.BudgetDecision;
import io.membank.contracts.BudgetDecision.Period;
import io.membank.contracts.BudgetDecision.State;
import io.membank.cost.access.Operators;
import io.membank.cost.budget.Budget;
import io.membank.cost.budget.BudgetService;
import io.membank.cost.budget.BudgetStore;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Budgets of the caller's tenant (its admins set them) and global ones (operator admins), and the
 * tenant's current budget state.
 */
@Path("/api/v1/cost/budgets")
@Tag(name = "budgets")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "400",
    description = "Invalid parameter or body",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "403", description = "Not allowed (changes: admins only)")
public class BudgetResource {

  static final String PERIOD = "daily|monthly";

  /**
   * A budget: a limit in USD per period and thresholds as fractions of it. The minimums are the
   * smallest values the columns keep (6 and 4 decimals): anything smaller would be stored as 0.
   */
  public record BudgetRequest(
      @Schema(description = "The limit in USD per period", example = "50")
          @NotNull
          @DecimalMin("0.000001")
          @DecimalMax("100000000")
          BigDecimal limitUsd,
      @Schema(
              description = "Fraction of the limit from which the state is warn (default 0.8)",
              example = "0.8")
          @DecimalMin("0.0001")
          @DecimalMax("9.9999")
          BigDecimal warnAt,
      @Schema(
              description = "Fraction of the limit from which the state is degrade (default 0.9)",
              example = "0.9")
          @DecimalMin("0.0001")
          @DecimalMax("9.9999")
          BigDecimal degradeAt,
      @Schema(
              description = "Fraction of the limit from which the state is stop (default 1.0)",
              example = "1.0")
          @DecimalMin("0.0001")
          @DecimalMax("9.9999")
          BigDecimal stopAt,
      @Schema(
              description = "Model to switch to in degrade; absent: the built-in extractor",
              example = "gpt-4o-mini")
          @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}")
          String degradeModel) {}

  private final BudgetStore store;
  private final BudgetService service;
  private final Caller caller;
  private final Operators operators;

  BudgetResource(BudgetStore store, BudgetService service, Caller caller, Operators operators) {
    this.store = store;
    this.service = service;
    this.caller = caller;
    this.operators = operators;
  }

  @GET
  @RolesAllowed({Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "Budgets", description = "The tenant's own budgets and the global ones.")
  @APIResponse(
      responseCode = "200",
      description = "The tenant's budgets and the global ones",
      content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Budget.class)))
  public List<Budget> list() {
    return store.applicable(caller.tenant());
  }

  @GET
  @Path("/state")
  @RolesAllowed({Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.AUDITOR, Roles.SERVICE})
  @Operation(
      summary = "Budget state",
      description =
          "The last decision published for the tenant on cost.budgets (normal, version 0, when"
              + " none was ever needed).")
  @APIResponse(
      responseCode = "200",
      description = "The tenant's last budget decision",
      content = @Content(schema = @Schema(implementation = BudgetDecision.class)))
  public BudgetDecision state() {
    String tenant = caller.tenant();
    return store
        .state(tenant)
        .orElse(
            new BudgetDecision(
                tenant,
                State.NORMAL,
                null,
                Period.MONTHLY,
                Budget.periodStart(Period.MONTHLY, OffsetDateTime.now(ZoneOffset.UTC)),
                0,
                0,
                0,
                OffsetDateTime.now(ZoneOffset.UTC),
                "no budget decision yet"));
  }

  @PUT
  @Path("/{period}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Set the tenant's budget",
      description =
          "Creates or replaces the tenant's daily or monthly budget (thresholds default to 0.8,"
              + " 0.9, 1.0) and re-evaluates the tenant at once. Audited.")
  @APIResponse(
      responseCode = "200",
      description = "The budget as stored",
      content = @Content(schema = @Schema(implementation = Budget.class)))
  public Budget set(
      @PathParam("period") @Pattern(regexp = PERIOD) String period,
      @Valid @NotNull BudgetRequest request) {
    return service.set(
        caller.tenant(), period(period), limits(request), caller.tenant(), operators.actor());
  }

  @DELETE
  @Path("/{period}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove the tenant's budget", description = "Audited.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "404",
      description = "No such budget",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public void delete(@PathParam("period") @Pattern(regexp = PERIOD) String period) {
    service.delete(caller.tenant(), period(period), caller.tenant(), operators.actor());
  }

  @PUT
  @Path("/global/{period}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Set the global budget",
      description =
          "Creates or replaces the budget on the spend of all tenants together; operator admins"
              + " only. Audited.")
  @APIResponse(
      responseCode = "200",
      description = "The global budget as stored",
      content = @Content(schema = @Schema(implementation = Budget.class)))
  public Budget setGlobal(
      @PathParam("period") @Pattern(regexp = PERIOD) String period,
      @Valid @NotNull BudgetRequest request) {
    operators.require("set global budgets");
    return service.set(null, period(period), limits(request), caller.tenant(), operators.actor());
  }

  @DELETE
  @Path("/global/{period}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove the global budget", description = "Operator admins only.")
  @APIResponse(responseCode = "204", description = "Removed")
  public void deleteGlobal(@PathParam("period") @Pattern(regexp = PERIOD) String period) {
    operators.require("remove global budgets");
    service.delete(null, period(period), caller.tenant(), operators.actor());
  }

  private static Period period(String value) {
    try {
      return Period.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("invalid-period", "period is daily or monthly");
    }
  }

  private static BudgetService.Limits limits(BudgetRequest r) {
    return new BudgetService.Limits(
        r.limitUsd(), r.warnAt(), r.degradeAt(), r.stopAt(), r.degradeModel());
  }
}
