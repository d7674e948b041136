package io.membank.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.membank.gateway.RouteTable.Route;
import io.membank.gateway.RouteTable.ServiceDef;
import io.membank.gateway.RouteTable.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the route table as Kong 3.x declarative configuration (DB-less or decK).
 *
 * <p>Per MemBank service one Kong service; per table route one Kong route (regex path anchored at
 * both ends, its methods, {@code strip_path: false}) with the jwt, rate-limiting and
 * request-size-limiting plugins. Per path template two service-less routes answer 405 problem+json
 * for the other methods, and a catch-all route answers 404 problem+json, so Kong agrees with the
 * local nginx on every request (see RoutePrecedenceTest). Global plugins: correlation-id,
 * prometheus, opentelemetry, cors.
 */
public final class KongConfigRenderer {

  /** Where rate-limit counters live in production (not a secret; the password is a reference). */
  static final String REDIS_HOST = "redis.membank.svc.cluster.local";

  static final int REDIS_PORT = 6379;

  /** Kong's env vault: resolved from MEMBANK_REDIS_PASSWORD in Kong's environment. */
  static final String REDIS_PASSWORD_REF = "{vault://env/membank-redis-password}";

  /** Placeholder OTLP/HTTP traces endpoint; overlays per environment replace it. */
  static final String OTEL_ENDPOINT =
      "http://otel-collector.observability.svc.cluster.local:4318/v1/traces";

  /** Placeholder browser origin; overlays per environment replace it. */
  static final String CORS_ORIGIN = "https://app.membank.example";

  private KongConfigRenderer() {}

  /** The kong.yaml text, header comment included. */
  public static String render(RouteTable table) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("_format_version", "3.0");

    List<PathTemplate> paths = table.pathsBySpecificity();
    Map<String, Integer> priority = new LinkedHashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      priority.put(paths.get(i).template(), paths.size() - i);
    }

    List<Object> services = new ArrayList<>();
    for (ServiceDef s : table.services()) {
      Map<String, Object> svc = new LinkedHashMap<>();
      svc.put("name", s.name());
      svc.put("url", s.kubernetesUrl());
      svc.put("connect_timeout", 5000);
      svc.put("read_timeout", 60000);
      svc.put("write_timeout", 60000);
      svc.put("retries", 2);
      svc.put("tags", List.of("membank", "generated"));
      List<Object> routes = new ArrayList<>();
      for (PathTemplate path : paths) {
        for (Route r : table.routesOf(path)) {
          if (r.service().equals(s.name())) {
            routes.add(route(table, r, priority.get(path.template())));
          }
        }
      }
      for (RouteTable.Page page : table.pages()) {
        if (s.name().equals(page.service())) {
          routes.add(pageRoute(page, paths.size() + 1));
        }
      }
      svc.put("routes", routes);
      services.add(svc);
    }
    // Bundle pages: a static server per bundle (in Kubernetes it serves the same files under the
    // same paths as the local gateway does).
    Map<String, List<Object>> bundles = new LinkedHashMap<>();
    for (RouteTable.Page page : table.pages()) {
      if (page.isBundle()) {
        bundles
            .computeIfAbsent(page.bundle() + " " + page.kubernetes(), k -> new ArrayList<>())
            .add(pageRoute(page, paths.size() + 1));
      }
    }
    for (Map.Entry<String, List<Object>> b : bundles.entrySet()) {
      Map<String, Object> svc = new LinkedHashMap<>();
      String[] nameUrl = b.getKey().split(" ", 2);
      svc.put("name", nameUrl[0]);
      svc.put("url", nameUrl[1]);
      svc.put("connect_timeout", 5000);
      svc.put("read_timeout", 60000);
      svc.put("write_timeout", 60000);
      svc.put("retries", 2);
      svc.put("tags", List.of("membank", "generated", "pages"));
      svc.put("routes", b.getValue());
      services.add(svc);
    }
    root.put("services", services);

    List<Object> edgeRoutes = new ArrayList<>();
    for (PathTemplate path : paths) {
      List<String> allowed = new ArrayList<>();
      for (Route r : table.routesOf(path)) {
        allowed.addAll(r.methods());
      }
      List<String> others = RouteTable.METHODS.stream().filter(m -> !allowed.contains(m)).toList();
      String base = table.routesOf(path).get(0).id();
      String body = Problems.methodNotAllowed(allowed, null);
      if (!others.isEmpty()) {
        edgeRoutes.add(
            terminating(
                base + "-method-not-allowed",
                path.kongPath(),
                others,
                priority.get(path.template()),
                405,
                body));
      }
      edgeRoutes.add(
          terminating(
              base + "-method-not-allowed-other",
              path.kongPath(),
              null,
              priority.get(path.template()),
              405,
              body));
    }
    for (RouteTable.Page page : table.pages()) {
      edgeRoutes.add(
          terminating(
              page.id() + "-method-not-allowed",
              page.kongPath(),
              RouteTable.METHODS.stream()
                  .filter(m -> !RouteTable.Page.METHODS.contains(m))
                  .toList(),
              paths.size() + 1,
              405,
              Problems.methodNotAllowed(RouteTable.Page.METHODS, null)));
    }
    edgeRoutes.add(terminating("membank-not-found", "/", null, 0, 404, Problems.notFound(null)));
    root.put("routes", edgeRoutes);

    root.put("plugins", globalPlugins());

    String header =
        "# GENERATED by io.membank.gateway.GatewayConfigGenerator from gateway-config/routes.yaml."
            + "\n# Do not edit: change routes.yaml and regenerate (docs/gateway.md)."
            + "\n# Kong 3.6+ declarative configuration (DB-less or `deck gateway sync`). Holds no"
            + "\n# secrets: the Redis password is a vault reference, JWT consumers and their"
            + "\n# public keys are provisioned per tenant outside this file.\n";
    return header + yaml(root);
  }

  private static Map<String, Object> route(RouteTable table, Route r, int regexPriority) {
    Map<String, Object> route = new LinkedHashMap<>();
    route.put("name", r.id());
    route.put("paths", List.of(r.path().kongPath()));
    route.put("methods", r.methods());
    route.put("protocols", List.of("http", "https"));
    route.put("strip_path", false);
    route.put("preserve_host", false);
    route.put("regex_priority", regexPriority);
    route.put("tags", tags(r));
    List<Object> plugins = new ArrayList<>();
    // auth: required (the table allows nothing else); services verify the credential again.
    plugins.add(plugin("jwt", jwtConfig()));
    plugins.add(plugin("rate-limiting", rateLimit(table.tiers().get(r.tier()))));
    plugins.add(plugin("request-size-limiting", sizeLimit(r.maxBody())));
    route.put("plugins", plugins);
    return route;
  }

  /** A public page: GET/HEAD, no jwt (the page holds no data; its API calls carry one). */
  private static Map<String, Object> pageRoute(RouteTable.Page page, int regexPriority) {
    Map<String, Object> route = new LinkedHashMap<>();
    route.put("name", page.id());
    route.put("paths", List.of(page.kongPath()));
    route.put("methods", RouteTable.Page.METHODS);
    route.put("protocols", List.of("http", "https"));
    route.put("strip_path", false);
    route.put("preserve_host", false);
    route.put("regex_priority", regexPriority);
    route.put("tags", List.of("membank", "generated", "page"));
    return route;
  }

  private static List<String> tags(Route r) {
    List<String> tags = new ArrayList<>(List.of("membank", "generated", "tier-" + r.tier()));
    if (r.planned()) {
      tags.add("planned");
    }
    return tags;
  }

  /**
   * The Kong consumer a request without a valid JWT runs as: an API key ({@code Authorization:
   * Bearer mb_…} or {@code X-API-Key}) is no JWT, and only the services can verify it (they hold
   * the keys of identity.keys). Provisioned outside this file, like the tenants' consumers.
   */
  static final String API_KEY_CONSUMER = "membank-api-keys";

  static Map<String, Object> jwtConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("anonymous", API_KEY_CONSUMER);
    // Read from the payload, then the JOSE header: production tokens carry kid=<tenant>.<n>.
    c.put("key_claim_name", "kid");
    c.put("header_names", List.of("authorization"));
    c.put("uri_param_names", List.of());
    c.put("cookie_names", List.of());
    c.put("claims_to_verify", List.of("exp"));
    c.put("maximum_expiration", 86400);
    c.put("secret_is_base64", false);
    c.put("run_on_preflight", false);
    return c;
  }

  static Map<String, Object> rateLimit(Tier tier) {
    Map<String, Object> c = new LinkedHashMap<>();
    if (tier.perSecond() > 0) {
      c.put("second", tier.perSecond());
    }
    if (tier.perMinute() > 0) {
      c.put("minute", tier.perMinute());
    }
    if (tier.perHour() > 0) {
      c.put("hour", tier.perHour());
    }
    c.put("limit_by", "consumer");
    c.put("policy", "redis");
    Map<String, Object> redis = new LinkedHashMap<>();
    redis.put("host", REDIS_HOST);
    redis.put("port", REDIS_PORT);
    redis.put("password", REDIS_PASSWORD_REF);
    redis.put("database", 0);
    redis.put("timeout", 2000);
    c.put("redis", redis);
    c.put("fault_tolerant", true);
    c.put("hide_client_headers", false);
    c.put("error_code", 429);
    c.put("error_message", "Rate limit of tier " + tier.name() + " exceeded");
    return c;
  }

  static Map<String, Object> sizeLimit(String maxBody) {
    Map<String, Object> c = new LinkedHashMap<>();
    boolean mega = maxBody.endsWith("m");
    c.put("allowed_payload_size", Integer.parseInt(maxBody.substring(0, maxBody.length() - 1)));
    c.put("size_unit", mega ? "megabytes" : "kilobytes");
    c.put("require_content_length", false);
    return c;
  }

  private static Map<String, Object> terminating(
      String name, String path, List<String> methods, int regexPriority, int status, String body) {
    Map<String, Object> route = new LinkedHashMap<>();
    route.put("name", name);
    route.put("paths", List.of(path));
    if (methods != null) {
      route.put("methods", methods);
    }
    route.put("protocols", List.of("http", "https"));
    route.put("strip_path", false);
    route.put("regex_priority", regexPriority);
    route.put("tags", List.of("membank", "generated", "edge-" + status));
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("status_code", status);
    c.put("content_type", Problems.MEDIA_TYPE);
    c.put("body", body);
    route.put("plugins", List.of(plugin("request-termination", c)));
    return route;
  }

  private static List<Object> globalPlugins() {
    List<Object> plugins = new ArrayList<>();
    Map<String, Object> correlation = new LinkedHashMap<>();
    correlation.put("header_name", "X-Request-Id");
    correlation.put("generator", "uuid#counter");
    correlation.put("echo_downstream", true);
    plugins.add(plugin("correlation-id", correlation));

    Map<String, Object> prometheus = new LinkedHashMap<>();
    prometheus.put("per_consumer", false);
    prometheus.put("status_code_metrics", true);
    prometheus.put("latency_metrics", true);
    prometheus.put("bandwidth_metrics", true);
    prometheus.put("upstream_health_metrics", true);
    plugins.add(plugin("prometheus", prometheus));

    Map<String, Object> otel = new LinkedHashMap<>();
    otel.put("endpoint", OTEL_ENDPOINT);
    otel.put("header_type", "w3c");
    otel.put("resource_attributes", Map.of("service.name", "membank-edge"));
    plugins.add(plugin("opentelemetry", otel));

    Map<String, Object> cors = new LinkedHashMap<>();
    cors.put("origins", List.of(CORS_ORIGIN));
    cors.put("methods", List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
    cors.put(
        "headers", List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"));
    cors.put(
        "exposed_headers",
        List.of(
            "X-Request-Id",
            "Location",
            "Retry-After",
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset"));
    cors.put("credentials", false);
    cors.put("max_age", 600);
    cors.put("preflight_continue", false);
    plugins.add(plugin("cors", cors));
    return plugins;
  }

  private static Map<String, Object> plugin(String name, Map<String, Object> config) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("config", config);
    return p;
  }

  private static String yaml(Object tree) {
    YAMLFactory factory =
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    try {
      return new ObjectMapper(factory).writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
