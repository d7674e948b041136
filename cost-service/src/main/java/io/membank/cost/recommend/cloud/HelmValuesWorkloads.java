package io.membank.cost.recommend.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Requests as the Helm chart would render them (k8s/membank/values*.yaml, later files override
 * earlier ones, as {@code helm -f} does): {@code serviceDefaults} merged with each entry of {@code
 * services}; Deployments are {@code <service>-<blueGreen.active>}; search-service on Lucene runs
 * one replica with the {@code search-index-<colour>} volume (templates/services.yaml).
 */
public final class HelmValuesWorkloads {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private HelmValuesWorkloads() {}

  /** The workloads the values files describe. */
  public static List<Workload> read(List<Path> files) {
    ObjectNode values = YAML.createObjectNode();
    for (Path file : files) {
      try {
        merge(values, YAML.readTree(file.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read Helm values " + file, e);
      }
    }
    String colour = values.path("blueGreen").path("active").asText("blue");
    JsonNode defaults = values.path("serviceDefaults");
    List<Workload> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = values.path("services").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      ObjectNode svc =
          defaults.isObject() ? ((ObjectNode) defaults).deepCopy() : YAML.createObjectNode();
      merge(svc, entry.getValue());
      boolean lucene =
          entry.getKey().equals("search-service")
              && svc.path("searchStore").asText("lucene").equals("lucene");
      List<Workload.Volume> volumes = new ArrayList<>();
      if (lucene && svc.path("indexVolume").has("size")) {
        String storageClass = svc.path("indexVolume").path("storageClassName").asText("");
        volumes.add(
            new Workload.Volume(
                "search-index-" + colour,
                Quantities.parse(svc.path("indexVolume").path("size").asText()),
                storageClass.isBlank() ? null : storageClass));
      }
      JsonNode requests = svc.path("resources").path("requests");
      out.add(
          new Workload(
              entry.getKey(),
              entry.getKey() + "-" + colour,
              lucene ? 1 : svc.path("replicas").asInt(1),
              Quantities.parse(requests.path("cpu").asText(null)),
              Quantities.parse(requests.path("memory").asText(null)),
              List.copyOf(volumes)));
    }
    return out;
  }

  /** Helm's merge of values: maps merge key by key, anything else is replaced. */
  static void merge(ObjectNode into, JsonNode from) {
    if (from == null || !from.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = into.get(e.getKey());
      if (existing instanceof ObjectNode target && e.getValue().isObject()) {
        merge(target, e.getValue());
      } else {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }
}
