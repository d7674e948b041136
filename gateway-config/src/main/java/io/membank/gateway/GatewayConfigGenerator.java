package io.membank.gateway;

import io.membank.gateway.RouteTable.ServiceDef;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Generates the gateways' configuration from {@code gateway-config/routes.yaml}.
 *
 * <pre>
 * GatewayConfigGenerator [--dir DIR]            write DIR/kong/kong.yaml, DIR/local/nginx.conf and
 *                                               DIR/openapi/openapi.json (the merged API document)
 * GatewayConfigGenerator [--dir DIR] --check    exit 1 when the checked-in files differ
 * GatewayConfigGenerator [--dir DIR] --local-out FILE [--ports-from-env]
 *                                               write only the nginx config, to FILE; with
 *                                               --ports-from-env the gateway and service ports come
 *                                               from MEMBANK_GATEWAY_PORT and MEMBANK_&lt;SVC&gt;_PORT
 * </pre>
 *
 * DIR defaults to the current directory when it holds routes.yaml, else {@code gateway-config}.
 */
public final class GatewayConfigGenerator {

  /** The local gateway's default port (MEMBANK_GATEWAY_PORT overrides it). */
  public static final int DEFAULT_GATEWAY_PORT = 8080;

  /** Relative path of the Kong output inside the gateway-config directory. */
  public static final String KONG_FILE = "kong/kong.yaml";

  /** Relative path of the nginx output inside the gateway-config directory. */
  public static final String NGINX_FILE = "local/nginx.conf";

  private GatewayConfigGenerator() {}

  /** The gateways' generated files (relative path → content) with the default ports. */
  public static Map<String, String> generate(RouteTable table) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(KONG_FILE, KongConfigRenderer.render(table));
    files.put(NGINX_FILE, NginxConfigRenderer.render(table));
    return files;
  }

  /**
   * Every generated file: the gateways' and the public API's one OpenAPI document, merged from the
   * services' checked-in documents next to {@code dir}.
   */
  public static Map<String, String> generate(Path dir, RouteTable table) {
    Map<String, String> files = generate(table);
    files.put(OpenApiMerger.FILE, OpenApiMerger.render(dir, table));
    return files;
  }

  /** Generated files that differ from (or are missing in) {@code dir}. */
  public static List<String> differences(Path dir, RouteTable table) throws IOException {
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, String> f : generate(dir, table).entrySet()) {
      Path file = dir.resolve(f.getKey());
      if (!Files.isRegularFile(file)
          || !Files.readString(file, StandardCharsets.UTF_8).equals(f.getValue())) {
        stale.add(f.getKey());
      }
    }
    return stale;
  }

  /** Ports from the environment (MEMBANK_GATEWAY_PORT, MEMBANK_&lt;SVC&gt;_PORT). */
  public static NginxConfigRenderer.Listen listenFromEnv(
      RouteTable table, UnaryOperator<String> env) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (ServiceDef s : table.services()) {
      String v = env.apply(s.portEnv());
      if (v != null && !v.isBlank()) {
        ports.put(s.name(), port(s.portEnv(), v));
      }
    }
    String g = env.apply("MEMBANK_GATEWAY_PORT");
    int gateway = g == null || g.isBlank() ? DEFAULT_GATEWAY_PORT : port("MEMBANK_GATEWAY_PORT", g);
    return new NginxConfigRenderer.Listen("127.0.0.1", gateway, Map.copyOf(ports));
  }

  private static int port(String name, String value) {
    try {
      int p = Integer.parseInt(value.trim());
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(name + " is not a TCP port: " + value);
  }

  /** Command line entry; see the class comment. */
  public static void main(String[] args) {
    int rc;
    try {
      rc = run(args, System.out, System.err);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("gateway-config: " + e.getMessage());
      rc = 2;
    }
    System.exit(rc);
  }

  /** Runs the command line; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    Path dir = null;
    boolean check = false;
    boolean portsFromEnv = false;
    Path localOut = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
        case "--check" -> check = true;
        case "--local-out" -> localOut = Path.of(value(args, ++i, "--local-out"));
        case "--ports-from-env" -> portsFromEnv = true;
        case "-h", "--help" -> {
          out.println(
              "usage: GatewayConfigGenerator [--dir DIR] [--check | --local-out FILE"
                  + " [--ports-from-env]]");
          return 0;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (dir == null) {
      dir = Files.isRegularFile(Path.of("routes.yaml")) ? Path.of(".") : Path.of("gateway-config");
    }
    if (check && (localOut != null || portsFromEnv)) {
      throw new IllegalArgumentException("--check compares the checked-in files only");
    }
    if (portsFromEnv && localOut == null) {
      throw new IllegalArgumentException(
          "--ports-from-env needs --local-out: the checked-in files keep the default ports");
    }
    Path routes = dir.resolve("routes.yaml");
    if (!Files.isRegularFile(routes)) {
      throw new IllegalArgumentException("no route table at " + routes.toAbsolutePath());
    }
    RouteTable table = RouteTable.load(routes);

    if (check) {
      List<String> stale = differences(dir, table);
      if (stale.isEmpty()) {
        out.println("gateway-config: generated files are up to date with " + routes);
        return 0;
      }
      err.println(
          "gateway-config: out of date with "
              + routes
              + ": "
              + String.join(", ", stale)
              + "\n  regenerate: java -cp gateway-config/target/classes:$(cat"
              + " gateway-config/target/classpath.txt) io.membank.gateway.GatewayConfigGenerator");
      return 1;
    }
    if (localOut != null) {
      NginxConfigRenderer.Listen listen =
          portsFromEnv
              ? listenFromEnv(table, System::getenv)
              : NginxConfigRenderer.Listen.defaults(table);
      write(localOut, NginxConfigRenderer.render(table, listen, portsFromEnv));
      out.println("gateway-config: wrote " + localOut);
      return 0;
    }
    for (Map.Entry<String, String> f : generate(dir, table).entrySet()) {
      write(dir.resolve(f.getKey()), f.getValue());
      out.println("gateway-config: wrote " + dir.resolve(f.getKey()));
    }
    return 0;
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static void write(Path file, String content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".gateway-config", ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
