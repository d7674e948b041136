package io.membank.e2e;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The running suite as {@code bin/membank up} described it in {@code .membank/status.json}.
 *
 * <p>The file's location comes from the system property {@code membank.home} (default: {@code
 * .membank} beside the repository root, found from the working directory).
 */
public record Stack(
    Path statusFile,
    String version,
    String gatewayUrl,
    String neo4jUri,
    Observability observability,
    List<Service> services) {

  /** One service: short name, application name, API and management base URLs, log file. */
  public record Service(
      String name, String application, String url, String managementUrl, String log) {
    @Override
    public String toString() {
      return application;
    }
  }

  /**
   * The trace and metrics backends ({@code bin/membank up --observability}; the test command starts
   * them).
   */
  public record Observability(
      boolean enabled, String jaegerUrl, String prometheusUrl, String alertReceiverUrl) {
    /** Fails with a clear message when the stack runs without them. */
    public Observability required() {
      if (!enabled) {
        throw new IllegalStateException(
            "The stack runs without its observability backends: start it with `bin/membank up"
                + " --observability` (bin/membank test does).");
      }
      return this;
    }
  }

  /**
   * The services that serve the REST API behind the gateway ({@code /api/v1/<name>/whoami} and the
   * RFC metrics): all but mcp-server, which speaks MCP and calls the others.
   */
  public List<Service> apiServices() {
    return services.stream().filter(s -> !s.application().equals("mcp-server")).toList();
  }

  /** The service of that short name ({@code memory}, {@code search}, …). */
  public Service service(String name) {
    return services.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in the stack"));
  }

  private static Stack current;

  /** The stack of this run (read once). Fails with a clear message when nothing runs. */
  public static synchronized Stack current() {
    if (current == null) {
      current = load(statusPath());
    }
    return current;
  }

  static Path statusPath() {
    String home = System.getProperty("membank.home");
    Path dir = home != null && !home.isBlank() ? Path.of(home) : defaultHome();
    return dir.resolve("status.json").toAbsolutePath().normalize();
  }

  private static Path defaultHome() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".membank")) || Files.isRegularFile(p.resolve("mvnw"))) {
        return p.resolve(".membank");
      }
    }
    return dir.resolve(".membank");
  }

  static Stack load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "No running stack: "
              + file
              + " does not exist. Start the suite with `bin/membank up` (or run `bin/membank"
              + " test`), or pass -Dmembank.home=<dir containing status.json>.");
    }
    JsonPath json = JsonPath.from(file.toFile());
    List<Map<String, Object>> rows = json.getList("services");
    if (rows == null || rows.isEmpty()) {
      throw new IllegalStateException(file + " lists no services");
    }
    List<Service> services =
        rows.stream()
            .map(
                r ->
                    new Service(
                        (String) r.get("name"),
                        (String) r.get("application"),
                        (String) r.get("url"),
                        (String) r.get("management_url"),
                        (String) r.get("log")))
            .toList();
    return new Stack(
        file,
        json.getString("version"),
        json.getString("gateway.url"),
        json.getString("stores.neo4j"),
        new Observability(
            json.getBoolean("observability.enabled"),
            json.getString("observability.jaeger"),
            json.getString("observability.prometheus"),
            json.getString("observability.alert_receiver")),
        services);
  }
}
