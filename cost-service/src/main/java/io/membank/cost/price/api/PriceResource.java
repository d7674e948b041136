package io.membank.cost.price.api;

import io.membank.cost.access.Instants;
import io.membank.cost.access.Operators;
import io.membank.cost.ledger.LedgerStore.Repriced;
import io.membank.cost.price.Price;
import io.membank.cost.price.PriceService;
import io.membank.cost.price.PriceStore;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The versioned price table: read by everyone, changed by operator admins only. */
@Path("/api/v1/cost/prices")
@Tag(name = "prices")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "400",
    description = "Invalid parameter or body",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "403", description = "Not allowed (changes: operator admins only)")
public class PriceResource {

  static final String NAME = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}";

  /** A new version of one model's prices, in USD per million tokens. */
  public record ModelPricesRequest(
      @Schema(description = "The model provider", example = "openai")
          @NotBlank
          @Pattern(regexp = NAME)
          String provider,
      @Schema(
              description = "The model, or * for every model of the provider",
              example = "gpt-4o-mini")
          @NotBlank
          @Pattern(regexp = NAME + "|\\*")
          String model,
      @Schema(description = "Input price, USD per million tokens", example = "0.15")
          @NotNull
          @DecimalMin("0")
          @DecimalMax("100000")
          BigDecimal inputUsdPerMillion,
      @Schema(
              description = "Cached-input price, USD per million tokens (default: the input price)",
              example = "0.075")
          @DecimalMin("0")
          @DecimalMax("100000")
          BigDecimal cachedInputUsdPerMillion,
      @Schema(description = "Output price, USD per million tokens", example = "0.6")
          @NotNull
          @DecimalMin("0")
          @DecimalMax("100000")
          BigDecimal outputUsdPerMillion,
      @Schema(
              description = "When the prices take effect; default now",
              example = "2026-01-01T00:00:00Z")
          OffsetDateTime effectiveFrom) {}

  /** A period to price again. */
  public record RepriceRequest(
      @Schema(description = "The period's start (inclusive)", example = "2026-11-01T00:00:00Z")
          @NotNull
          OffsetDateTime from,
      @Schema(
              description = "The period's end (exclusive; at most 400 days after from)",
              example = "2026-12-01T00:00:00Z")
          @NotNull
          OffsetDateTime to) {}

  private static final Duration MAX_REPRICE = Duration.ofDays(400);

  private final PriceStore prices;
  private final PriceService service;
  private final Operators operators;
  private final Caller caller;

  PriceResource(PriceStore prices, PriceService service, Operators operators, Caller caller) {
    this.prices = prices;
    this.service = service;
    this.operators = operators;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "Prices in force",
      description = "Every provider / model / token kind price in force at `at` (default now).")
  @APIResponse(
      responseCode = "200",
      description = "Every price in force at that instant",
      content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Price.class)))
  public List<Price> inForce(@QueryParam("at") String at) {
    return prices.inForceAt(Instants.parse("at", at, OffsetDateTime.now(ZoneOffset.UTC)));
  }

  @GET
  @Path("/{provider}")
  @RolesAllowed({Roles.READER, Roles.WRITER, Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "Price history",
      description = "Every version of a provider's prices (optionally one model), newest first.")
  @APIResponse(
      responseCode = "200",
      description = "The provider's price versions, newest first",
      content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Price.class)))
  public List<Price> history(
      @PathParam("provider") @Pattern(regexp = NAME) String provider,
      @QueryParam("model") @Pattern(regexp = NAME + "|\\*") String model) {
    return prices.history(provider, model);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Add a price version",
      description =
          "Adds a model's input, cached-input (default: the input price) and output prices from"
              + " effective_from on. Usage already recorded keeps its cost until its period is"
              + " re-priced. Audited.")
  @APIResponse(
      responseCode = "201",
      description = "The prices added",
      content = @Content(schema = @Schema(implementation = Price[].class)))
  @APIResponse(
      responseCode = "409",
      description = "A version already starts at that instant",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response add(@Valid @NotNull ModelPricesRequest request) {
    operators.require("change prices");
    List<Price> added =
        service.add(
            new PriceService.ModelPrices(
                request.provider(),
                request.model(),
                request.inputUsdPerMillion(),
                request.cachedInputUsdPerMillion(),
                request.outputUsdPerMillion(),
                request.effectiveFrom() != null
                    ? request.effectiveFrom()
                    : OffsetDateTime.now(ZoneOffset.UTC)),
            caller.tenant(),
            operators.actor());
    return Response.status(Response.Status.CREATED).entity(added).build();
  }

  @POST
  @Path("/reprice")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Re-price a period",
      description =
          "Prices every usage of every tenant in [from, to) again at the prices in force at its"
              + " time and rebuilds the aggregates of the days touched. Audited.")
  @APIResponse(
      responseCode = "200",
      description = "How much usage was re-priced",
      content = @Content(schema = @Schema(implementation = Repriced.class)))
  public Repriced reprice(@Valid @NotNull RepriceRequest request) {
    operators.require("re-price usage");
    if (!request.from().isBefore(request.to())) {
      throw ProblemException.badRequest("invalid-range", "from must be before to");
    }
    if (Duration.between(request.from(), request.to()).compareTo(MAX_REPRICE) > 0) {
      throw ProblemException.badRequest(
          "range-too-long", "re-price at most " + MAX_REPRICE.toDays() + " days at once");
    }
    return service.reprice(request.from(), request.to(), caller.tenant(), operators.actor());
  }
}
