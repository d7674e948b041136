package io.membank.governance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.governance.catalog.domain.Classification;
import io.membank.governance.catalog.domain.DatasetKind;
import io.membank.governance.catalog.domain.LineageGraph;
import io.membank.governance.catalog.domain.LineageGraph.DatasetNode;
import io.membank.governance.catalog.domain.LineageGraph.Edge;
import io.membank.governance.catalog.domain.LineageGraph.FlowNode;
import io.membank.governance.catalog.domain.LineageGraph.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lineage as datasets and flows, the part around one dataset, and its Mermaid picture. */
class LineageGraphTest {

  private static final List<DatasetNode> DATASETS =
      List.of(
          new DatasetNode(
              "postgres:db.memories",
              DatasetKind.POSTGRES_TABLE,
              "memories",
              "memory-service",
              Classification.CONFIDENTIAL),
          new DatasetNode(
              "kafka:memory.events",
              DatasetKind.KAFKA_TOPIC,
              "memory.events",
              "memory-service",
              Classification.CONFIDENTIAL),
          new DatasetNode(
              "lucene:memories",
              DatasetKind.LUCENE_INDEX,
              "memories",
              "search-service",
              Classification.CONFIDENTIAL),
          new DatasetNode(
              "postgres:db.price",
              DatasetKind.POSTGRES_TABLE,
              "price",
              "cost-service",
              Classification.INTERNAL));
  private static final List<FlowNode> FLOWS =
      List.of(
          new FlowNode(
              "memory-service",
              "relay",
              List.of("postgres:db.memories"),
              List.of("kafka:memory.events")),
          new FlowNode(
              "search-service",
              "indexer",
              List.of("kafka:memory.events"),
              List.of("lucene:memories")),
          new FlowNode("cost-service", "api", List.of(), List.of("postgres:db.price")));

  @Test
  void a_service_moves_a_dataset_through_a_topic_as_a_path_of_reads_and_writes() {
    LineageGraph graph = LineageGraph.of(DATASETS, FLOWS);

    assertThat(graph.nodes()).hasSize(7);
    assertThat(graph.edges())
        .containsExactly(
            new Edge("postgres:db.memories", "flow:memory-service/relay", "reads"),
            new Edge("flow:memory-service/relay", "kafka:memory.events", "writes"),
            new Edge("kafka:memory.events", "flow:search-service/indexer", "reads"),
            new Edge("flow:search-service/indexer", "lucene:memories", "writes"),
            new Edge("flow:cost-service/api", "postgres:db.price", "writes"));
  }

  @Test
  void around_a_dataset_keeps_what_it_is_made_from_and_what_is_made_from_it() {
    LineageGraph around = LineageGraph.of(DATASETS, FLOWS).around("kafka:memory.events");

    assertThat(around.nodes().stream().map(Node::id))
        .containsExactlyInAnyOrder(
            "postgres:db.memories",
            "flow:memory-service/relay",
            "kafka:memory.events",
            "flow:search-service/indexer",
            "lucene:memories");
    assertThat(around.edges()).hasSize(4);
    assertThat(LineageGraph.of(DATASETS, FLOWS).around("kafka:unknown").nodes()).isEmpty();
  }

  @Test
  void the_mermaid_picture_has_every_node_and_edge_coloured_by_classification() {
    String mermaid = LineageGraph.of(DATASETS, FLOWS).mermaid();

    assertThat(mermaid)
        .startsWith("flowchart LR\n")
        .contains("n0[\"postgres:db.memories\"]:::confidential")
        .contains("n1>\"kafka:memory.events\"]:::confidential")
        .contains("([\"memory-service: relay\"])")
        .contains("n0 --> n4")
        .contains("classDef restricted");
    assertThat(mermaid.lines().filter(l -> l.contains("-->"))).hasSize(5);
  }
}
