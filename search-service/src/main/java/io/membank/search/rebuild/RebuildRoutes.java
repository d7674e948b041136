package io.membank.search.rebuild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Operator endpoints on the management interface (never routed by the gateway, bound to loopback
 * locally): {@code POST /admin/reindex} starts a rebuild (202, or 409 while one runs), {@code GET
 * /admin/reindex} reports its progress. {@code bin/membank reindex} calls them.
 */
@ApplicationScoped
public class RebuildRoutes {

  @Inject IndexRebuild rebuild;
  @Inject ObjectMapper json;

  void routes(@Observes ManagementInterface management) {
    management.router().post("/admin/reindex").handler(this::start);
    management.router().get("/admin/reindex").handler(this::status);
  }

  private void start(RoutingContext ctx) {
    boolean started = rebuild.start();
    respond(ctx, started ? 202 : 409);
  }

  private void status(RoutingContext ctx) {
    respond(ctx, 200);
  }

  private void respond(RoutingContext ctx, int status) {
    try {
      IndexRebuild.Progress p = rebuild.progress();
      java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
      body.put("state", p.state());
      body.put("progress", p.progress());
      body.put("events_total", p.eventsTotal());
      body.put("events_read", p.eventsRead());
      body.put("applied", p.applied());
      body.put("dead_letters", p.deadLetters());
      body.put("started_at", p.startedAt() == null ? null : p.startedAt().toString());
      body.put("finished_at", p.finishedAt() == null ? null : p.finishedAt().toString());
      body.put("error", p.error());
      ctx.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }
}
