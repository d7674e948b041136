package io.membank.governance.apikeys.api;

import io.membank.governance.apikeys.service.ApiKeyService;
import io.membank.governance.apikeys.service.InvalidKeyRequestException;
import io.membank.governance.apikeys.store.ApiKeyStore;
import io.membank.governance.apikeys.store.StoredKey;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's API keys, for its admins: create (shown once), list, read, rotate, revoke. */
@Path("/api/v1/keys")
@Tag(name = "keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ApiKeyResource {

  private static final String KEY_ID = "[a-z0-9]{8,32}";

  private final ApiKeyService keys;
  private final Caller caller;

  public ApiKeyResource(ApiKeyService keys, Caller caller) {
    this.keys = keys;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create an API key",
      description =
          "Returns the key once (only its hash is kept). Its roles must be among the caller's; a"
              + " user_id or agent_id scope restricts what requests with it may name. Every"
              + " service accepts it within seconds")
  @APIResponse(
      responseCode = "201",
      description = "Created: the key, shown this once",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ApiKeyDtos.IssuedKey.class)))
  @APIResponse(responseCode = "400", description = "Invalid request: errors name the field")
  @APIResponse(responseCode = "409", description = "The tenant has the most active keys it may")
  public Response create(@NotNull ApiKeyDtos.CreateKeyRequest request) {
    try {
      ApiKeyService.Issued issued =
          keys.create(
              actor(),
              new ApiKeyService.NewKey(
                  request.name(),
                  request.roles(),
                  request.userId(),
                  request.agentId(),
                  expiry(request.expiresAt())));
      return Response.status(Response.Status.CREATED).entity(issued(issued)).build();
    } catch (InvalidKeyRequestException e) {
      throw invalid(e);
    }
  }

  @GET
  @Operation(
      summary = "List API keys",
      description = "Newest first, without secrets; state filters (active, expired, revoked)")
  @APIResponse(
      responseCode = "200",
      description = "One page of the tenant's keys, newest first",
      content = @Content(schema = @Schema(implementation = ApiKeyDtos.KeyPage.class)))
  public ApiKeyDtos.KeyPage list(
      @QueryParam("state") String state,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
      @QueryParam("cursor") String cursor) {
    ApiKeyService.Page page = keys.list(caller.tenant(), state(state), after(cursor), limit);
    OffsetDateTime now = now();
    return new ApiKeyDtos.KeyPage(
        page.keys().stream().map(k -> ApiKeyDtos.ApiKeyView.of(k, now)).toList(),
        page.next() == null ? null : cursor(page.next()));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Read an API key", description = "Its settings and state, never its secret")
  @APIResponse(
      responseCode = "200",
      description = "The key's settings and state",
      content = @Content(schema = @Schema(implementation = ApiKeyDtos.ApiKeyView.class)))
  public ApiKeyDtos.ApiKeyView get(@PathParam("id") String id) {
    return ApiKeyDtos.ApiKeyView.of(keys.get(caller.tenant(), keyId(id)), now());
  }

  @POST
  @Path("/{id}/rotate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Rotate an API key",
      description =
          "Issues a new secret (returned once); the previous one keeps working for the grace")
  @APIResponse(
      responseCode = "200",
      description = "The new secret, shown this once",
      content = @Content(schema = @Schema(implementation = ApiKeyDtos.IssuedKey.class)))
  public ApiKeyDtos.IssuedKey rotate(
      @PathParam("id") String id, ApiKeyDtos.RotateKeyRequest request) {
    Long grace = request == null ? null : request.graceSeconds();
    try {
      return issued(
          keys.rotate(actor(), keyId(id), grace == null ? null : Duration.ofSeconds(grace)));
    } catch (InvalidKeyRequestException e) {
      throw invalid(e);
    }
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      summary = "Revoke an API key",
      description = "Every service refuses it within seconds; it stays listed as revoked")
  @APIResponse(
      responseCode = "200",
      description = "The key, now revoked",
      content = @Content(schema = @Schema(implementation = ApiKeyDtos.ApiKeyView.class)))
  public ApiKeyDtos.ApiKeyView revoke(@PathParam("id") String id) {
    return ApiKeyDtos.ApiKeyView.of(keys.revoke(actor(), keyId(id)), now());
  }

  private ApiKeyService.Actor actor() {
    return new ApiKeyService.Actor(caller.tenant(), caller.subject(), caller.roles());
  }

  private static ApiKeyDtos.IssuedKey issued(ApiKeyService.Issued issued) {
    return new ApiKeyDtos.IssuedKey(
        issued.secretKey(), ApiKeyDtos.ApiKeyView.of(issued.key(), now()));
  }

  /** A path id that cannot be a key id is simply not found (ids are never echoed unchecked). */
  private static String keyId(String id) {
    if (id == null || !id.matches(KEY_ID)) {
      throw ProblemException.notFound("API key", "(malformed id)");
    }
    return id;
  }

  private static OffsetDateTime expiry(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(
          new InvalidKeyRequestException(
              "expires_at", "expires_at must be an RFC 3339 date-time, e.g. 2027-01-31T00:00:00Z"));
    }
  }

  private static StoredKey.State state(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return StoredKey.State.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(
          new InvalidKeyRequestException("state", "state must be active, expired or revoked"));
    }
  }

  private static String cursor(ApiKeyStore.After after) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, after.createdAt().toInstant());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((micros + "." + after.keyId()).getBytes(StandardCharsets.UTF_8));
  }

  private static ApiKeyStore.After after(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int dot = text.indexOf('.');
      String keyId = text.substring(dot + 1);
      if (dot < 1 || !keyId.matches(KEY_ID)) {
        throw new IllegalArgumentException("not a cursor");
      }
      Instant at = Instant.EPOCH.plus(Long.parseLong(text.substring(0, dot)), ChronoUnit.MICROS);
      return new ApiKeyStore.After(at.atOffset(ZoneOffset.UTC), keyId);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw invalid(
          new InvalidKeyRequestException("cursor", "cursor must be a next_cursor of this listing"));
    }
  }

  private static ProblemException invalid(InvalidKeyRequestException e) {
    return new ProblemException(
        Problem.of(400, "invalid-key-request", "Invalid API key request", e.getMessage())
            .withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage()))));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
