package io.membank.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Simulates, with java.util.regex, how nginx (regex locations in file order, then 405 for other
 * methods) and Kong (routes ordered by number of matching fields, then regex_priority) pick a route
 * for a request, reading the generated files, and checks both pick the same, correct outcome.
 */
class RoutePrecedenceTest {

  /** What a gateway does with a request: a service, or a status it answers itself. */
  record Outcome(String target) {
    static Outcome service(String name) {
      return new Outcome(name);
    }

    static Outcome status(int code) {
      return new Outcome(String.valueOf(code));
    }
  }

  static Stream<Arguments> samples() {
    return Stream.of(
        // Public pages (routes.yaml `pages:`): GET/HEAD only
        sample("GET", "/graph/", "graph-service"),
        sample("GET", "/graph/index.html", "graph-service"),
        sample("HEAD", "/graph/vendor/cytoscape/cytoscape.min.js", "graph-service"),
        sample("POST", "/graph/index.html", "405"),
        sample("GET", "/graph", "404"),
        sample("GET", "/api/v1/docs/", "api-docs"),
        sample("GET", "/api/v1/docs/swagger-ui-bundle.js", "api-docs"),
        sample("DELETE", "/api/v1/docs/", "405"),
        sample("GET", "/api/v1/openapi.json", "api-docs"),
        sample("PUT", "/api/v1/openapi.json", "405"),
        sample("GET", "/api/v1/openapi.jsonx", "404"),
        sample("POST", "/api/v1/memories", "memory-service"),
        sample("GET", "/api/v1/memories", "405"),
        sample("POST", "/api/v1/memories/batch", "memory-service"),
        sample("GET", "/api/v1/memories/batch", "405"),
        sample("POST", "/api/v1/memories/search", "search-service"),
        sample("GET", "/api/v1/memories/search", "405"),
        sample("DELETE", "/api/v1/memories/search", "405"),
        sample("GET", "/api/v1/memories/6f1c2a9e-1111-4c4c-8888-0123456789ab", "memory-service"),
        sample("PUT", "/api/v1/memories/m-1", "memory-service"),
        sample("DELETE", "/api/v1/memories/m-1", "memory-service"),
        sample("POST", "/api/v1/memories/m-1", "405"),
        sample("PATCH", "/api/v1/memories/m-1", "405"),
        sample("GET", "/api/v1/memories/m-1/history", "memory-service"),
        sample("GET", "/api/v1/memories/m-1/related", "graph-service"),
        sample("GET", "/api/v1/memories/m-1/other", "404"),
        sample("GET", "/api/v1/memories/", "404"),
        sample("GET", "/api/v1/memories/a/b/c", "404"),
        sample("GET", "/api/v1/batches/b-1", "memory-service"),
        sample("GET", "/api/v1/jobs/j-1", "memory-service"),
        sample("GET", "/api/v1/users/alice/memories", "memory-service"),
        sample("DELETE", "/api/v1/users/alice/memories", "memory-service"),
        sample("POST", "/api/v1/users/alice/memories", "405"),
        sample("GET", "/api/v1/users/alice/graph", "graph-service"),
        sample("DELETE", "/api/v1/users/alice/graph", "405"),
        sample("GET", "/api/v1/users/alice/entities", "graph-service"),
        sample("GET", "/api/v1/users/alice", "404"),
        sample("GET", "/api/v1/audit/events", "audit-service"),
        sample("GET", "/api/v1/audit/verify", "audit-service"),
        sample("POST", "/api/v1/audit/reports", "audit-service"),
        sample("GET", "/api/v1/audit/reports", "405"),
        sample("GET", "/api/v1/memory/whoami", "memory-service"),
        sample("GET", "/api/v1/search/whoami", "search-service"),
        sample("GET", "/api/v1/graph/whoami", "graph-service"),
        sample("GET", "/api/v1/audit/whoami", "audit-service"),
        sample("GET", "/api/v1/governance/whoami", "governance-service"),
        sample("GET", "/api/v1/diagnostics/whoami", "diagnostics-service"),
        sample("GET", "/api/v1/cost/whoami", "cost-service"),
        sample("HEAD", "/api/v1/cost/whoami", "405"),
        sample("PROPFIND", "/api/v1/cost/whoami", "405"),
        sample("GET", "/api/v1/cost/whoami/", "404"),
        sample("GET", "/q/health", "404"),
        sample("GET", "/q/openapi", "404"),
        sample("GET", "/q/metrics", "404"),
        sample("GET", "/", "404"),
        sample("GET", "/api/v2/memories", "404"),
        sample("GET", "/API/v1/memory/whoami", "404"));
  }

  private static Arguments sample(String method, String path, String expected) {
    return Arguments.of(method, path, new Outcome(expected));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("samples")
  void nginxAndKongPickTheSameCorrectRoute(String method, String path, Outcome expected)
      throws IOException {
    assertThat(nginx(method, path)).as("nginx").isEqualTo(expected);
    assertThat(kong(method, path)).as("kong").isEqualTo(expected);
  }

  @ParameterizedTest(name = "every route of the table: {0}")
  @MethodSource("tableRoutes")
  void everyTableRouteIsReachedByBothGateways(String id) throws IOException {
    RouteTable.Route r =
        GatewayDir.table().routes().stream().filter(x -> x.id().equals(id)).findFirst().get();
    String concrete = r.path().template().replaceAll("\\{[^}]+}", "x-1");
    for (String method : r.methods()) {
      assertThat(nginx(method, concrete))
          .as("nginx " + method)
          .isEqualTo(Outcome.service(r.service()));
      assertThat(kong(method, concrete))
          .as("kong " + method)
          .isEqualTo(Outcome.service(r.service()));
      assertThat(kongRouteName(method, concrete)).isEqualTo(r.id());
    }
  }

  static Stream<String> tableRoutes() {
    return GatewayDir.table().routes().stream().map(RouteTable.Route::id);
  }

  // ---- nginx: `location ^~ /q/` (prefix, wins over regexes), then regex locations in file
  // order, else `location /`. Inside a regex location, a method outside the list is a 405.

  private record NginxLocation(Pattern regex, Set<String> methods, String upstream) {}

  private static final Pattern LOCATION = Pattern.compile("^\\s*location ~ \"(.+)\" \\{$");
  private static final Pattern IF_METHOD =
      Pattern.compile("^\\s*if \\(\\$request_method !~ \\^\\(([A-Z|]+)\\)\\$\\) \\{$");
  private static final Pattern PROXY = Pattern.compile("^\\s*proxy_pass http://([a-z_]+);$");
  private static final Pattern ALIAS = Pattern.compile("^\\s*alias ([a-z0-9-]+)/.*;$");
  private static final Pattern UPSTREAM = Pattern.compile("^\\s*upstream ([a-z_]+) \\{$");

  private static List<NginxLocation> nginxLocations() throws IOException {
    List<String> lines =
        Files.readAllLines(GatewayDir.dir().resolve(GatewayConfigGenerator.NGINX_FILE));
    List<NginxLocation> locations = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher loc = LOCATION.matcher(lines.get(i));
      if (!loc.matches()) {
        continue;
      }
      Matcher ifm = IF_METHOD.matcher(lines.get(i + 1));
      assertThat(ifm.matches()).as("method check after " + lines.get(i)).isTrue();
      String upstream = null;
      for (int j = i + 2;
          j < lines.size() && upstream == null && !LOCATION.matcher(lines.get(j)).matches();
          j++) {
        Matcher p = PROXY.matcher(lines.get(j));
        Matcher a = ALIAS.matcher(lines.get(j));
        if (p.matches()) {
          upstream = p.group(1);
        } else if (a.matches()) {
          // A bundle page: files the gateway serves itself; named like an upstream.
          upstream = "membank_" + a.group(1).replace('-', '_');
        }
      }
      assertThat(upstream).as("proxy_pass or alias in " + lines.get(i)).isNotNull();
      locations.add(
          new NginxLocation(
              Pattern.compile(loc.group(1)), Set.of(ifm.group(1).split("\\|")), upstream));
    }
    assertThat(lines).anyMatch(l -> l.trim().equals("location ^~ /q/ {"));
    assertThat(lines).anyMatch(l -> l.trim().equals("location / {"));
    assertThat(lines.stream().filter(l -> UPSTREAM.matcher(l).matches()))
        .hasSize(GatewayDir.table().services().size());
    return locations;
  }

  static Outcome nginx(String method, String path) throws IOException {
    if (path.startsWith("/q/")) {
      return Outcome.status(404);
    }
    for (NginxLocation l : nginxLocations()) {
      if (l.regex().matcher(path).find()) {
        if (!l.methods().contains(method)) {
          return Outcome.status(405);
        }
        String name = l.upstream().substring("membank_".length()).replace('_', '-');
        return Outcome.service(name);
      }
    }
    return Outcome.status(404);
  }

  // ---- Kong (router_flavor traditional_compatible / traditional): the candidate with more
  // matching fields (methods + paths > paths) wins, then regex paths beat prefix paths, then the
  // higher regex_priority, then the longer prefix. Regex paths are anchored at the start.

  private record KongRoute(
      String name,
      String service,
      String path,
      Set<String> methods,
      int regexPriority,
      Integer terminateStatus) {

    boolean regex() {
      return path.startsWith("~");
    }

    boolean matches(String method, String requestPath) {
      if (methods != null && !methods.contains(method)) {
        return false;
      }
      if (regex()) {
        return Pattern.compile("^(?:" + path.substring(1) + ")").matcher(requestPath).find();
      }
      return requestPath.startsWith(path);
    }

    long priority() {
      long weight = (methods != null ? 1 : 0) + 1;
      return (weight << 50)
          | ((regex() ? 1L : 0L) << 49)
          | ((long) regexPriority << 20)
          | (regex() ? 0 : path.length());
    }
  }

  private static List<KongRoute> kongRoutes() throws IOException {
    JsonNode root =
        new ObjectMapper(new YAMLFactory())
            .readTree(GatewayDir.dir().resolve(GatewayConfigGenerator.KONG_FILE).toFile());
    List<KongRoute> routes = new ArrayList<>();
    for (JsonNode s : root.path("services")) {
      for (JsonNode r : s.path("routes")) {
        routes.add(kongRoute(r, s.path("name").asText()));
      }
    }
    for (JsonNode r : root.path("routes")) {
      routes.add(kongRoute(r, null));
    }
    routes.sort(Comparator.comparingLong(KongRoute::priority).reversed());
    return routes;
  }

  private static KongRoute kongRoute(JsonNode r, String service) {
    assertThat(r.path("paths")).hasSize(1);
    assertThat(r.path("strip_path").asBoolean(true)).isFalse();
    Set<String> methods = null;
    if (r.has("methods")) {
      List<String> m = new ArrayList<>();
      r.path("methods").forEach(x -> m.add(x.asText()));
      methods = Set.copyOf(m);
    }
    Integer status = null;
    for (JsonNode p : r.path("plugins")) {
      if (p.path("name").asText().equals("request-termination")) {
        status = p.path("config").path("status_code").asInt();
      }
    }
    assertThat(service == null).as("service-less route terminates").isEqualTo(status != null);
    return new KongRoute(
        r.path("name").asText(),
        service,
        r.path("paths").get(0).asText(),
        methods,
        r.path("regex_priority").asInt(0),
        status);
  }

  private static KongRoute kongMatch(String method, String path) throws IOException {
    List<KongRoute> routes = kongRoutes();
    // Equal priorities must never compete for the same request (ambiguity = config error).
    List<KongRoute> matching = routes.stream().filter(r -> r.matches(method, path)).toList();
    if (matching.size() > 1) {
      assertThat(matching.get(0).priority())
          .as("ambiguous Kong routes for %s %s: %s", method, path, matching)
          .isNotEqualTo(matching.get(1).priority());
    }
    return matching.isEmpty() ? null : matching.get(0);
  }

  static Outcome kong(String method, String path) throws IOException {
    KongRoute r = kongMatch(method, path);
    if (r == null) {
      return Outcome.status(404); // Kong's own "no Route matched"
    }
    return r.terminateStatus() != null
        ? Outcome.status(r.terminateStatus())
        : Outcome.service(r.service());
  }

  private static String kongRouteName(String method, String path) throws IOException {
    return kongMatch(method, path).name();
  }
}
