package io.membank.graph.api;

import io.membank.graph.store.GraphReader.EntitySummary;
import io.membank.graph.store.GraphReader.GraphEdge;
import io.membank.graph.store.GraphReader.GraphNode;
import io.membank.graph.store.GraphReader.RelatedMemory;
import io.membank.http.Ids;
import java.time.OffsetDateTime;
import java.util.List;

/** Bodies of the graph API (JSON names are snake_case). */
public final class GraphDtos {

  static final String ID_PATTERN = Ids.PATTERN;

  private GraphDtos() {}

  /** Memories related to one, best first. */
  public record RelatedMemories(String memoryId, int depth, List<RelatedMemory> related) {}

  /** A user's entities by mention count, with their relationships. */
  public record EntityAnalysis(
      String userId, OffsetDateTime generatedAt, List<EntitySummary> entities) {}

  /** A user's memory network as nodes and edges, for drawing. */
  public record UserGraph(
      String userId, List<GraphNode> nodes, List<GraphEdge> edges, boolean truncated) {}
}
