package io.membank.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The parsed and validated {@code gateway-config/routes.yaml}. */
public record RouteTable(
    String defaultMaxBody,
    Map<String, Tier> tiers,
    List<ServiceDef> services,
    List<Route> routes,
    List<Page> pages) {

  /** Methods a route may name. */
  public static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,4})([km])");
  private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.-]+):([0-9]{1,5})");

  /** A rate-limit tier: requests per tenant per period (0 = no limit for that period). */
  public record Tier(String name, int perSecond, int perMinute, int perHour) {}

  /** A MemBank service and where its API listens locally and in Kubernetes. */
  public record ServiceDef(
      String name, String shortName, String localHost, int localPort, String kubernetesUrl) {

    /** The environment variable that overrides the local API port (bin/services.conf). */
    public String portEnv() {
      return "MEMBANK_" + shortName.toUpperCase(Locale.ROOT) + "_PORT";
    }
  }

  /** One route: a path template and the methods of it that go to one service with one tier. */
  public record Route(
      String id,
      String service,
      List<String> methods,
      PathTemplate path,
      String tier,
      String auth,
      String maxBody,
      boolean planned) {}

  /**
   * A public page under a path prefix, GET and HEAD only, no credential at the edge: pages hold no
   * data, the API calls they make carry the user's credential. Served either by a service ({@code
   * service}) or, for {@code bundle} pages, by the gateway itself from a directory the build
   * produces (locally nginx from {@code .membank/nginx/<bundle>/}; in Kubernetes the static server
   * at {@code kubernetes}). {@code exact} paths (e.g. /api/v1/openapi.json) are files of the bundle
   * answered at a fixed path.
   */
  public record Page(
      String id, String prefix, String service, String bundle, String kubernetes, String exact) {

    /** True when the gateway serves the page from a build directory, not a service. */
    public boolean isBundle() {
      return bundle != null;
    }

    /** The page's path as a regex body: the prefix and anything below it, or the exact path. */
    String regexBody() {
      String literal = (exact != null ? exact : prefix).replace(".", "\\.");
      return exact != null ? literal : literal + ".*";
    }

    /**
     * nginx regex location; the path below the prefix is the named capture {@code $page} for a
     * bundle's alias (a numbered one would be overwritten by the method check's regex).
     */
    public String nginxRegex() {
      return exact != null
          ? "^" + regexBody() + "$"
          : "^" + prefix.replace(".", "\\.") + "(?<page>.*)$";
    }

    /** Kong 3.x regex path (anchored at the start by Kong). */
    public String kongPath() {
      return "~" + regexBody() + "$";
    }

    /** GET and HEAD: pages are read-only. */
    public static final List<String> METHODS = List.of("GET", "HEAD");
  }

  private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._-]+)+/");
  private static final Pattern EXACT = Pattern.compile("(/[A-Za-z0-9._-]+)+");

  /** Reads and validates a route table. */
  public static RouteTable load(Path file) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": not a YAML mapping");
    }
    return fromTree(root);
  }

  static RouteTable fromTree(JsonNode root) {
    checkKeys(root, "top level", Set.of("defaults", "tiers", "services", "routes", "pages"));
    JsonNode defaults = root.path("defaults");
    checkKeys(defaults, "defaults", Set.of("auth", "max_body"));
    if (!"required".equals(defaults.path("auth").asText("required"))) {
      throw new IllegalArgumentException("defaults.auth must be required");
    }
    String defaultMaxBody = size(defaults.path("max_body").asText("1m"), "defaults.max_body");

    Map<String, Tier> tiers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("tiers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode t = e.getValue();
      if (!ID.matcher(name).matches()) {
        throw new IllegalArgumentException("tier name must be [a-z0-9-]+: " + name);
      }
      checkKeys(t, "tier " + name, Set.of("per_second", "per_minute", "per_hour"));
      Tier tier =
          new Tier(
              name,
              t.path("per_second").asInt(0),
              t.path("per_minute").asInt(0),
              t.path("per_hour").asInt(0));
      if (tier.perSecond() < 0 || tier.perMinute() < 0 || tier.perHour() < 0) {
        throw new IllegalArgumentException("tier " + name + ": limits must be positive");
      }
      if (tier.perSecond() + tier.perMinute() + tier.perHour() == 0) {
        throw new IllegalArgumentException("tier " + name + ": set at least one limit");
      }
      // Kong rejects a longer period whose limit is lower than a shorter one's.
      int[] ordered = {tier.perSecond(), tier.perMinute(), tier.perHour()};
      for (int i = 0; i < ordered.length; i++) {
        for (int j = i + 1; j < ordered.length; j++) {
          if (ordered[i] > 0 && ordered[j] > 0 && ordered[j] < ordered[i]) {
            throw new IllegalArgumentException(
                "tier " + name + ": a longer period cannot have a lower limit");
          }
        }
      }
      tiers.put(name, tier);
    }
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException("tiers: at least one tier is needed");
    }

    List<ServiceDef> services = new ArrayList<>();
    Set<String> serviceNames = new HashSet<>();
    Set<String> shortNames = new HashSet<>();
    for (JsonNode s : root.path("services")) {
      checkKeys(s, "service", Set.of("name", "short", "local", "kubernetes"));
      String name = required(s, "name", "service");
      String shortName = required(s, "short", "service " + name);
      String local = required(s, "local", "service " + name);
      String k8s = required(s, "kubernetes", "service " + name);
      if (!ID.matcher(name).matches() || !ID.matcher(shortName).matches()) {
        throw new IllegalArgumentException("service name/short must be [a-z0-9-]+: " + name);
      }
      var hp = HOST_PORT.matcher(local);
      if (!hp.matches()) {
        throw new IllegalArgumentException("service " + name + ": local must be host:port");
      }
      String expectedK8s = "http://" + name + ".membank.svc.cluster.local:8080";
      if (!expectedK8s.equals(k8s)) {
        throw new IllegalArgumentException(
            "service " + name + ": kubernetes must be " + expectedK8s + " (got " + k8s + ")");
      }
      if (!serviceNames.add(name) || !shortNames.add(shortName)) {
        throw new IllegalArgumentException("duplicate service " + name);
      }
      services.add(new ServiceDef(name, shortName, hp.group(1), port(hp.group(2), name), k8s));
    }
    if (services.isEmpty()) {
      throw new IllegalArgumentException("services: at least one service is needed");
    }

    List<Route> routes = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, String> methodOwner = new TreeMap<>();
    Map<String, String> shapeOwner = new TreeMap<>();
    for (JsonNode r : root.path("routes")) {
      checkKeys(
          r,
          "route",
          Set.of("id", "service", "methods", "path", "tier", "auth", "max_body", "planned"));
      String id = required(r, "id", "route");
      String where = "route " + id;
      if (!ID.matcher(id).matches() || !ids.add(id)) {
        throw new IllegalArgumentException(where + ": id must be unique and [a-z0-9-]+");
      }
      String service = required(r, "service", where);
      if (!serviceNames.contains(service)) {
        throw new IllegalArgumentException(where + ": unknown service " + service);
      }
      List<String> methods = new ArrayList<>();
      for (JsonNode m : r.path("methods")) {
        String method = m.asText();
        if (!METHODS.contains(method) || methods.contains(method)) {
          throw new IllegalArgumentException(where + ": bad or repeated method " + method);
        }
        methods.add(method);
      }
      if (methods.isEmpty()) {
        throw new IllegalArgumentException(where + ": methods must not be empty");
      }
      methods.sort(Comparator.comparingInt(METHODS::indexOf));
      PathTemplate path;
      try {
        path = PathTemplate.parse(required(r, "path", where));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
      if (!path.template().startsWith("/api/")) {
        throw new IllegalArgumentException(where + ": public routes live under /api/");
      }
      String previous = shapeOwner.putIfAbsent(path.shape(), service + " " + path.template());
      if (previous != null && !previous.equals(service + " " + path.template())) {
        throw new IllegalArgumentException(
            where
                + ": path "
                + path.template()
                + " has the shape of "
                + previous
                + " (one path, one service, one spelling of its parameters)");
      }
      for (String method : methods) {
        String clash = methodOwner.putIfAbsent(method + " " + path.shape(), id);
        if (clash != null) {
          throw new IllegalArgumentException(
              where + ": " + method + " " + path.template() + " is already route " + clash);
        }
      }
      String tier = required(r, "tier", where);
      if (!tiers.containsKey(tier)) {
        throw new IllegalArgumentException(where + ": unknown tier " + tier);
      }
      String auth = r.path("auth").asText(defaults.path("auth").asText("required"));
      if (!"required".equals(auth)) {
        throw new IllegalArgumentException(where + ": auth must be required (nothing anonymous)");
      }
      String maxBody =
          r.has("max_body") ? size(r.path("max_body").asText(), where) : defaultMaxBody;
      JsonNode planned = r.path("planned");
      if (!planned.isMissingNode() && !planned.isBoolean()) {
        throw new IllegalArgumentException(where + ": planned must be true or false");
      }
      routes.add(
          new Route(
              id,
              service,
              List.copyOf(methods),
              path,
              tier,
              auth,
              maxBody,
              planned.asBoolean(false)));
    }
    if (routes.isEmpty()) {
      throw new IllegalArgumentException("routes: at least one route is needed");
    }
    List<Page> pages = new ArrayList<>();
    Set<String> pageIds = new HashSet<>();
    for (JsonNode p : root.path("pages")) {
      checkKeys(p, "page", Set.of("id", "prefix", "exact", "service", "bundle", "kubernetes"));
      String id = required(p, "id", "page");
      if (!ID.matcher(id).matches() || !pageIds.add(id) || ids.contains(id)) {
        throw new IllegalArgumentException("page id must be unique and [a-z0-9-]+: " + id);
      }
      String prefix = p.hasNonNull("prefix") ? p.get("prefix").asText() : null;
      String exact = p.hasNonNull("exact") ? p.get("exact").asText() : null;
      if ((prefix == null) == (exact == null)) {
        throw new IllegalArgumentException("page " + id + ": give prefix or exact (one of them)");
      }
      if (prefix != null && !PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException("page " + id + ": prefix must look like /a/b/");
      }
      if (exact != null && !EXACT.matcher(exact).matches()) {
        throw new IllegalArgumentException("page " + id + ": exact must look like /a/b.json");
      }
      String service = p.hasNonNull("service") ? p.get("service").asText() : null;
      String bundle = p.hasNonNull("bundle") ? p.get("bundle").asText() : null;
      String k8s = p.hasNonNull("kubernetes") ? p.get("kubernetes").asText() : null;
      if ((service == null) == (bundle == null)) {
        throw new IllegalArgumentException("page " + id + ": give service or bundle (one of them)");
      }
      if (service != null && !serviceNames.contains(service)) {
        throw new IllegalArgumentException("page " + id + ": unknown service " + service);
      }
      if (bundle != null && (!ID.matcher(bundle).matches() || k8s == null)) {
        throw new IllegalArgumentException(
            "page " + id + ": bundle must be [a-z0-9-]+ and needs kubernetes (its static server)");
      }
      pages.add(new Page(id, prefix, service, bundle, k8s, exact));
    }
    return new RouteTable(
        defaultMaxBody,
        Map.copyOf(tiers),
        List.copyOf(services),
        List.copyOf(routes),
        List.copyOf(pages));
  }

  /** The service definition of a name. */
  public ServiceDef service(String name) {
    return services.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown service " + name));
  }

  /**
   * Distinct path templates, most specific first (the order nginx evaluates its regex locations and
   * the descending order of Kong's regex_priority).
   */
  public List<PathTemplate> pathsBySpecificity() {
    Map<String, PathTemplate> byShape = new TreeMap<>();
    for (Route r : routes) {
      byShape.putIfAbsent(r.path().template(), r.path());
    }
    List<PathTemplate> paths = new ArrayList<>(byShape.values());
    paths.sort(PathTemplate.MOST_SPECIFIC_FIRST);
    return List.copyOf(paths);
  }

  /** The routes of one path template, in table order. */
  public List<Route> routesOf(PathTemplate path) {
    return routes.stream().filter(r -> r.path().template().equals(path.template())).toList();
  }

  /** Bytes of a size such as 1m or 512k. */
  public static long bytes(String size) {
    var m = SIZE.matcher(size);
    if (!m.matches()) {
      throw new IllegalArgumentException("size must be <n>k or <n>m: " + size);
    }
    long n = Long.parseLong(m.group(1));
    return "m".equals(m.group(2)) ? n * 1024 * 1024 : n * 1024;
  }

  private static String size(String value, String where) {
    if (!SIZE.matcher(value).matches()) {
      throw new IllegalArgumentException(where + ": max_body must be <n>k or <n>m: " + value);
    }
    return value;
  }

  private static int port(String value, String where) {
    int p = Integer.parseInt(value);
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException(where + ": port out of range: " + value);
    }
    return p;
  }

  private static String required(JsonNode node, String field, String where) {
    JsonNode v = node.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": " + field + " is required");
    }
    return v.asText();
  }

  private static void checkKeys(JsonNode node, String where, Set<String> allowed) {
    if (node.isMissingNode()) {
      return;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": expected a mapping");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(
            where + ": unknown key " + key + " (allowed " + allowed + ")");
      }
    }
  }
}
