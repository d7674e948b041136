package io.membank.governance.catalog.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lineage as a graph: dataset nodes and flow nodes (a service's process), edges dataset → flow
 * ({@code reads}) and flow → dataset ({@code writes}); so "memory-service moves memories through
 * memory.events into search-service's index" is the path memories → memory-service/outbox-relay →
 * memory.events → search-service/indexer → lucene:memories. Renders itself as Mermaid for people.
 */
public final class LineageGraph {

  /** The kind of node. */
  public enum NodeKind {
    DATASET,
    FLOW
  }

  /** A dataset as the graph needs it. */
  public record DatasetNode(
      String id, DatasetKind kind, String name, String owner, Classification classification) {}

  /** A flow as the graph needs it. */
  public record FlowNode(String service, String name, List<String> inputs, List<String> outputs) {
    public String id() {
      return "flow:" + service + "/" + name;
    }
  }

  /** A node of the graph; dataset fields are null for flows. */
  public record Node(
      String id,
      NodeKind kind,
      String label,
      String service,
      DatasetKind datasetKind,
      Classification classification) {}

  /** A directed edge: {@code reads} (dataset → flow) or {@code writes} (flow → dataset). */
  public record Edge(String from, String to, String relation) {}

  private final List<Node> nodes;
  private final List<Edge> edges;

  private LineageGraph(List<Node> nodes, List<Edge> edges) {
    this.nodes = List.copyOf(nodes);
    this.edges = List.copyOf(edges);
  }

  /** The whole graph of these datasets and flows (edges to unknown datasets are dropped). */
  public static LineageGraph of(List<DatasetNode> datasets, List<FlowNode> flows) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    for (DatasetNode d : datasets) {
      nodes.put(
          d.id(),
          new Node(d.id(), NodeKind.DATASET, d.name(), d.owner(), d.kind(), d.classification()));
    }
    List<Edge> edges = new ArrayList<>();
    for (FlowNode f : flows) {
      nodes.put(
          f.id(),
          new Node(f.id(), NodeKind.FLOW, f.service() + ": " + f.name(), f.service(), null, null));
      f.inputs().stream()
          .filter(nodes::containsKey)
          .forEach(in -> edges.add(new Edge(in, f.id(), "reads")));
      f.outputs().stream()
          .filter(nodes::containsKey)
          .forEach(out -> edges.add(new Edge(f.id(), out, "writes")));
    }
    return new LineageGraph(new ArrayList<>(nodes.values()), edges);
  }

  /**
   * The part of the graph a dataset is in: everything upstream of it (what it is made from) and
   * downstream (what is made from it), with the edges between those nodes; empty when unknown.
   */
  public LineageGraph around(String datasetId) {
    if (nodes.stream().noneMatch(n -> n.id().equals(datasetId))) {
      return new LineageGraph(List.of(), List.of());
    }
    Set<String> keep = new HashSet<>();
    keep.addAll(reach(datasetId, true));
    keep.addAll(reach(datasetId, false));
    return new LineageGraph(
        nodes.stream().filter(n -> keep.contains(n.id())).toList(),
        edges.stream().filter(e -> keep.contains(e.from()) && keep.contains(e.to())).toList());
  }

  private Set<String> reach(String start, boolean downstream) {
    Map<String, List<String>> next = new HashMap<>();
    for (Edge e : edges) {
      String a = downstream ? e.from() : e.to();
      String b = downstream ? e.to() : e.from();
      next.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
    }
    Set<String> seen = new HashSet<>(Set.of(start));
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      for (String n : next.getOrDefault(queue.poll(), List.of())) {
        if (seen.add(n)) {
          queue.add(n);
        }
      }
    }
    return seen;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public List<Edge> edges() {
    return edges;
  }

  /**
   * A Mermaid flowchart: datasets as boxes labelled with their id (topics as flags), flows as
   * rounded nodes, datasets coloured by classification.
   */
  public String mermaid() {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    Map<String, String> ids = new HashMap<>();
    for (Node n : nodes) {
      String id = "n" + ids.size();
      ids.put(n.id(), id);
      String label = quote(n.label());
      if (n.kind() == NodeKind.FLOW) {
        out.append("  ").append(id).append("([\"").append(label).append("\"])\n");
      } else {
        String text = quote(n.id());
        String shape =
            n.datasetKind() == DatasetKind.KAFKA_TOPIC
                ? ">\"" + text + "\"]"
                : "[\"" + text + "\"]";
        out.append("  ").append(id).append(shape);
        if (n.classification() != null) {
          out.append(":::").append(n.classification().wireName());
        }
        out.append('\n');
      }
    }
    for (Edge e : edges) {
      out.append("  ")
          .append(ids.get(e.from()))
          .append(" --> ")
          .append(ids.get(e.to()))
          .append('\n');
    }
    out.append("  classDef public fill:#e8f5e9\n")
        .append("  classDef internal fill:#e3f2fd\n")
        .append("  classDef confidential fill:#fff3e0\n")
        .append("  classDef restricted fill:#ffebee\n");
    return out.toString();
  }

  private static String quote(String label) {
    return label.replace("\"", "#quot;").replace("\n", " ");
  }
}
