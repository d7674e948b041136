package io.membank.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.membank.gateway.RouteTable.Route;
import io.membank.gateway.RouteTable.ServiceDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The route table, the generated gateway files and the services' OpenAPI documents agree.
 *
 * <p>Every /api/ operation of a service's checked-in OpenAPI document ({@code
 * <svc>/src/main/openapi/openapi.yaml}) has exactly one route, and that route goes to that service.
 * Every route that is not {@code planned} reaches an operation of its service; a {@code planned}
 * route whose operation already exists fails (remove the flag). A service without a checked-in
 * document yet contributes no operations and its routes are not checked against it.
 */
class RouteTableConsistencyTest {

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private final Path dir = GatewayDir.dir();
  private final RouteTable table = GatewayDir.table();

  @Test
  void checkedInFilesEqualARegeneration() throws IOException {
    for (Map.Entry<String, String> f : GatewayConfigGenerator.generate(dir, table).entrySet()) {
      Path file = dir.resolve(f.getKey());
      assertThat(file).as("generated file %s is checked in", f.getKey()).isRegularFile();
      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .as(
              "%s is out of date with routes.yaml: run GatewayConfigGenerator (docs/gateway.md)",
              f.getKey())
          .isEqualTo(f.getValue());
    }
    assertThat(GatewayConfigGenerator.differences(dir, table)).isEmpty();
  }

  @Test
  void generationIsDeterministic() {
    assertThat(GatewayConfigGenerator.generate(dir, GatewayDir.table()))
        .isEqualTo(GatewayConfigGenerator.generate(dir, table));
  }

  @Test
  void everyOpenApiOperationHasExactlyOneRouteToItsService() throws IOException {
    List<String> problems = new ArrayList<>();
    for (ServiceDef s : table.services()) {
      for (String op : operations(s)) {
        List<Route> matching = routesFor(op);
        if (matching.size() != 1) {
          problems.add(s.name() + " " + op + ": " + matching.size() + " routes (need exactly 1)");
        } else if (!matching.get(0).service().equals(s.name())) {
          problems.add(
              s.name()
                  + " "
                  + op
                  + ": route "
                  + matching.get(0).id()
                  + " goes to "
                  + matching.get(0).service());
        }
      }
    }
    assertThat(problems).as("operations without exactly one route to their service").isEmpty();
  }

  @Test
  void everyRouteReachesAnOperationOfItsServiceUnlessPlanned() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Route r : table.routes()) {
      ServiceDef s = table.service(r.service());
      if (!Files.isRegularFile(openApi(s))) {
        System.err.printf(
            "RouteTableConsistencyTest: %s has no %s yet; route %s is not checked against it%n",
            s.name(), dir.getParent().relativize(openApi(s)), r.id());
        continue;
      }
      Set<String> ops = operations(s);
      for (String method : r.methods()) {
        String op = method + " " + r.path().shape();
        if (r.planned() && ops.contains(op)) {
          problems.add(
              r.id()
                  + ": "
                  + op
                  + " exists in "
                  + s.name()
                  + "'s OpenAPI now: remove `planned: true` from the route");
        } else if (!r.planned() && !ops.contains(op)) {
          problems.add(
              r.id()
                  + ": "
                  + op
                  + " is not an operation of "
                  + s.name()
                  + " (mark it `planned: true` until the service ships it)");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyRouteIsPublicAuthenticatedAndOutsideManagement() {
    for (Route r : table.routes()) {
      assertThat(r.auth()).as(r.id()).isEqualTo("required");
      assertThat(r.path().template()).as(r.id()).startsWith("/api/v1/").doesNotStartWith("/q/");
    }
  }

  private List<Route> routesFor(String op) {
    String method = op.substring(0, op.indexOf(' '));
    String shape = op.substring(op.indexOf(' ') + 1);
    return table.routes().stream()
        .filter(r -> r.path().shape().equals(shape) && r.methods().contains(method))
        .toList();
  }

  private Path openApi(ServiceDef s) {
    return dir.getParent().resolve(s.name()).resolve("src/main/openapi/openapi.yaml");
  }

  /** "METHOD /api/shape/{}" of every /api/ operation; empty when the document is missing. */
  private Set<String> operations(ServiceDef s) throws IOException {
    Set<String> ops = new TreeSet<>();
    Path file = openApi(s);
    if (!Files.isRegularFile(file)) {
      return ops;
    }
    JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
        String method = m.next();
        if (HTTP_METHODS.contains(method)) {
          ops.add(method.toUpperCase(Locale.ROOT) + " " + PathTemplate.normalize(path.getKey()));
        }
      }
    }
    return ops;
  }
}
