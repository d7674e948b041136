package io.membank.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.membank.gateway.RouteTable.Route;
import io.membank.gateway.RouteTable.ServiceDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The public API as one OpenAPI 3.1 document, served by the gateway at /api/v1/openapi.json: the
 * operations of every service's checked-in document ({@code <service>/src/main/openapi/
 * openapi.yaml}) that a route of the table reaches (planned routes and /internal/ operations left
 * out), with their components merged. Two services' components of the same name and different
 * content are both kept, the later one renamed {@code <Short><Name>} (e.g. {@code SearchProblem})
 * with its references rewritten; equal ones are kept once.
 */
public final class OpenApiMerger {

  /** Relative path of the merged document inside the gateway-config directory. */
  public static final String FILE = "openapi/openapi.json";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private OpenApiMerger() {}

  /** The services' checked-in document, or null when a service has none yet. */
  static Path documentOf(Path gatewayDir, ServiceDef s) {
    return gatewayDir
        .toAbsolutePath()
        .normalize()
        .getParent()
        .resolve(s.name())
        .resolve("src/main/openapi/openapi.yaml");
  }

  /** The merged document as pretty-printed JSON (trailing newline). */
  public static String render(Path gatewayDir, RouteTable table) {
    ObjectNode root = JSON.createObjectNode();
    root.put("openapi", "3.1.0");
    ObjectNode info = root.putObject("info");
    info.put("title", "MemBank API");
    info.put("version", "v1");
    info.put(
        "description",
        "Long-term memory for AI assistants: the public API of every MemBank service, as the"
            + " gateway routes it. Every request needs `Authorization: Bearer <JWT>` naming a"
            + " tenant, a subject and roles (reader, writer, admin, auditor); locally `bin/membank"
            + " token --tenant demo --subject me --roles reader,writer` prints one. Writes are"
            + " asynchronous (202 and a job to poll). Errors are RFC 7807 problem+json. Generated"
            + " from the services' checked-in documents by gateway-config (OpenApiMerger).");
    root.putArray("servers").addObject().put("url", "/").put("description", "this gateway");
    ArrayNode tags = root.putArray("tags");
    Set<String> tagNames = new LinkedHashSet<>();
    ObjectNode paths = root.putObject("paths");
    ObjectNode components = JSON.createObjectNode();
    for (ServiceDef s : table.services()) {
      Path file = documentOf(gatewayDir, s);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      JsonNode doc;
      try {
        doc = YAML.readTree(file.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
      }
      Map<String, String> renames = mergeComponents(components, doc.path("components"), s);
      if (!renames.isEmpty()) {
        doc = rewriteRefs(doc.deepCopy(), renames);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        ObjectNode kept = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
          Map.Entry<String, JsonNode> op = ops.next();
          if (!METHODS.contains(op.getKey())) {
            kept.set(op.getKey(), op.getValue()); // path-level parameters, summary
          } else if (routed(table, s, op.getKey(), p.getKey())) {
            kept.set(op.getKey(), op.getValue());
            for (JsonNode t : op.getValue().path("tags")) {
              tagNames.add(t.asText());
            }
          }
        }
        if (kept.properties().stream().anyMatch(e -> METHODS.contains(e.getKey()))) {
          // Two services may serve different methods of one path: their operations side by side.
          if (paths.get(p.getKey()) instanceof ObjectNode existing) {
            existing.setAll(kept);
          } else {
            paths.set(p.getKey(), kept);
          }
        }
      }
      for (JsonNode t : doc.path("tags")) {
        if (tagNames.contains(t.path("name").asText())
            && tags.valueStream().noneMatch(x -> x.path("name").equals(t.path("name")))) {
          tags.add(t);
        }
      }
    }
    root.set("components", components);
    root.putArray("security").addObject().putArray("bearer");
    try {
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter().withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
      return JSON.writer(printer).writeValueAsString(root).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean routed(RouteTable table, ServiceDef s, String method, String path) {
    if (!path.startsWith("/api/")) {
      return false;
    }
    String shape = PathTemplate.normalize(path);
    String m = method.toUpperCase(Locale.ROOT);
    for (Route r : table.routes()) {
      if (r.service().equals(s.name())
          && !r.planned()
          && r.methods().contains(m)
          && r.path().shape().equals(shape)) {
        return true;
      }
    }
    return false;
  }

  /** Adds the service's components; returns "kind/Name" → new name for the renamed ones. */
  private static Map<String, String> mergeComponents(ObjectNode into, JsonNode from, ServiceDef s) {
    String prefix = Character.toUpperCase(s.shortName().charAt(0)) + s.shortName().substring(1);
    Map<String, String> renames = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> kinds = from.fields(); kinds.hasNext(); ) {
      Map.Entry<String, JsonNode> kind = kinds.next();
      JsonNode target = into.path(kind.getKey());
      for (Iterator<Map.Entry<String, JsonNode>> it = kind.getValue().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> c = it.next();
        JsonNode existing = target.get(c.getKey());
        if (existing != null && !existing.equals(c.getValue())) {
          renames.put(kind.getKey() + "/" + c.getKey(), prefix + c.getKey());
        }
      }
    }
    // Every component with its references to renamed ones rewritten, under its (new) name.
    for (Iterator<Map.Entry<String, JsonNode>> kinds = from.fields(); kinds.hasNext(); ) {
      Map.Entry<String, JsonNode> kind = kinds.next();
      ObjectNode target =
          into.has(kind.getKey())
              ? (ObjectNode) into.get(kind.getKey())
              : into.putObject(kind.getKey());
      for (Iterator<Map.Entry<String, JsonNode>> it = kind.getValue().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> c = it.next();
        String name = renames.getOrDefault(kind.getKey() + "/" + c.getKey(), c.getKey());
        target.set(name, rewriteRefs(c.getValue().deepCopy(), renames));
      }
    }
    return renames;
  }

  private static JsonNode rewriteRefs(JsonNode node, Map<String, String> renames) {
    if (node instanceof ObjectNode o) {
      JsonNode ref = o.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/")) {
        String key = ref.asText().substring("#/components/".length());
        String renamed = renames.get(key);
        if (renamed != null) {
          o.set(
              "$ref",
              TextNode.valueOf("#/components/" + key.substring(0, key.indexOf('/') + 1) + renamed));
        }
      }
      o.properties().forEach(e -> rewriteRefs(e.getValue(), renames));
    } else if (node instanceof ArrayNode a) {
      a.forEach(x -> rewriteRefs(x, renames));
    }
    return node;
  }
}
