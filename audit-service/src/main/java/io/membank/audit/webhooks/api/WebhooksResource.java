package io.membank.audit.webhooks.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.api.Cursor;
import io.membank.audit.api.TrailReads;
import io.membank.audit.webhooks.api.WebhookDtos.CreateWebhookRequest;
import io.membank.audit.webhooks.api.WebhookDtos.DeliveryPage;
import io.membank.audit.webhooks.api.WebhookDtos.DeliveryView;
import io.membank.audit.webhooks.api.WebhookDtos.WebhookPage;
import io.membank.audit.webhooks.api.WebhookDtos.WebhookView;
import io.membank.audit.webhooks.config.WebhooksConfig;
import io.membank.audit.webhooks.events.EventType;
import io.membank.audit.webhooks.service.WebhookService;
import io.membank.audit.webhooks.store.SubscriptionEntity;
import io.membank.audit.webhooks.store.WebhookDeliveryEntity;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import io.membank.identity.Caller;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A tenant's webhooks (admins only): subscribe a URL to event types, list, delete, re-enable, and
 * read each subscription's delivery log. Deliveries are signed per Standard Webhooks.
 */
@Path("/api/v1/webhooks")
@Tag(name = "webhooks")
@RolesAllowed(Roles.ADMIN)
@APIResponse(
    responseCode = "400",
    description = "Invalid request",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "403", description = "Not an admin")
public class WebhooksResource {

  private static final String RESOURCE = "webhook_subscription";

  private final WebhookService webhooks;
  private final WebhooksConfig config;
  private final Caller caller;
  private final TrailReads trail;

  WebhooksResource(
      WebhookService webhooks, WebhooksConfig config, Caller caller, TrailReads trail) {
    this.webhooks = webhooks;
    this.config = config;
    this.caller = caller;
    this.trail = trail;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Subscribe a URL to events",
      description =
          "Creates a webhook of the caller's tenant. The answer carries the signing secret"
              + " (whsec_…) once; it is never shown again. Deliveries are POSTs with the headers"
              + " webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of"
              + " id.timestamp.body>), retried with exponential back-off for up to a day.")
  @APIResponse(responseCode = "409", description = "The tenant has the most webhooks allowed")
  @APIResponse(
      responseCode = "201",
      description = "Created (Location names it); the signing secret is shown only in this answer",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  public Response create(@Valid @NotNull CreateWebhookRequest request) {
    List<EventType> types = types(request.events());
    WebhookService.Created created =
        webhooks.create(
            caller.tenant(), caller.subject(), request.url(), types, request.description());
    SubscriptionEntity s = created.subscription();
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("url", s.url);
    var events = details.putArray("events");
    for (String type : s.eventTypes) {
      events.add(type);
    }
    trail.record(caller.tenant(), "create", RESOURCE, s.id.toString(), details);
    return Response.status(201)
        .header("Location", "/api/v1/webhooks/" + s.id)
        .entity(WebhookView.of(s, created.secret()))
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "List webhooks", description = "Oldest first; follow next_cursor.")
  @APIResponse(
      responseCode = "200",
      description = "One page of the tenant's webhooks",
      content = @Content(schema = @Schema(implementation = WebhookPage.class)))
  public WebhookPage list(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit,
      @QueryParam("cursor") @Size(max = 200) String cursor) {
    String fingerprint = Cursor.fingerprint(caller.tenant(), "webhooks");
    long after = cursor == null ? 0 : Cursor.decode(cursor, fingerprint);
    int size = Math.min(limit, config.maxPageSize());
    List<SubscriptionEntity> page = webhooks.list(caller.tenant(), after, size + 1);
    String next = null;
    if (page.size() > size) {
      page = page.subList(0, size);
      next = Cursor.encode(page.get(size - 1).seq, fingerprint);
    }
    return new WebhookPage(page.stream().map(s -> WebhookView.of(s, null)).toList(), next);
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Get a webhook", description = "Without its secret.")
  @APIResponse(responseCode = "404", description = "No such webhook for this tenant")
  @APIResponse(
      responseCode = "200",
      description = "The webhook (without its secret)",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  public WebhookView get(@PathParam("id") UUID id) {
    return WebhookView.of(found(id), null);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a webhook", description = "With its delivery log and queue.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such webhook for this tenant")
  public Response delete(@PathParam("id") UUID id) {
    if (!webhooks.delete(caller.tenant(), id)) {
      throw ProblemException.notFound("webhook", id.toString());
    }
    trail.record(
        caller.tenant(), "delete", RESOURCE, id.toString(), JsonNodeFactory.instance.objectNode());
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/enable")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Re-enable a webhook",
      description =
          "Turns a webhook disabled after repeated failures back on; its waiting deliveries are"
              + " sent again.")
  @APIResponse(responseCode = "404", description = "No such webhook for this tenant")
  @APIResponse(
      responseCode = "200",
      description = "The webhook, enabled again",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  public WebhookView enable(@PathParam("id") UUID id) {
    SubscriptionEntity s =
        webhooks
            .enable(caller.tenant(), id)
            .orElseThrow(() -> ProblemException.notFound("webhook", id.toString()));
    trail.record(
        caller.tenant(), "modify", RESOURCE, id.toString(), JsonNodeFactory.instance.objectNode());
    return WebhookView.of(s, null);
  }

  @GET
  @Path("/{id}/deliveries")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "A webhook's delivery log",
      description =
          "Newest first; follow next_cursor. status filters (pending, delivered, failed).")
  @APIResponse(responseCode = "404", description = "No such webhook for this tenant")
  @APIResponse(
      responseCode = "200",
      description = "One page of the webhook's delivery attempts",
      content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
  public DeliveryPage deliveries(
      @PathParam("id") UUID id,
      @QueryParam("status") @Pattern(regexp = "pending|delivered|failed") String status,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit,
      @QueryParam("cursor") @Size(max = 200) String cursor) {
    found(id);
    String fingerprint = Cursor.fingerprint(caller.tenant(), id + "|" + status);
    long before = cursor == null ? Long.MAX_VALUE : Cursor.decode(cursor, fingerprint);
    int size = Math.min(limit, config.maxPageSize());
    List<WebhookDeliveryEntity> page =
        webhooks.deliveries(id, Optional.ofNullable(status), before, size + 1);
    String next = null;
    if (page.size() > size) {
      page = page.subList(0, size);
      next = Cursor.encode(page.get(size - 1).seq, fingerprint);
    }
    return new DeliveryPage(page.stream().map(DeliveryView::of).toList(), next);
  }

  private SubscriptionEntity found(UUID id) {
    return webhooks
        .find(caller.tenant(), id)
        .orElseThrow(() -> ProblemException.notFound("webhook", id.toString()));
  }

  /** The event types by wire name; an unknown one is a 400 naming the field. */
  private static List<EventType> types(List<String> names) {
    List<EventType> types = new ArrayList<>();
    for (String name : names) {
      types.add(
          EventType.of(name)
              .orElseThrow(
                  () ->
                      new ProblemException(
                          Problem.of(
                                  400,
                                  "invalid-webhook-events",
                                  "Bad Request",
                                  "events: unknown event type '" + name + "'")
                              .withErrors(
                                  List.of(
                                      new Problem.FieldError(
                                          "events", "unknown event type '" + name + "'"))))));
    }
    return types;
  }
}
