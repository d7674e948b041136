package io.membank.graph.api;

import io.membank.graph.store.GraphReader.EntitySummary;
import io.membank.graph.store.GraphReader.GraphEdge;
import io.membank.graph.store.GraphReader.GraphNode;
import io.membank.graph.store.GraphReader.RelatedMemory;
import io.membank.http.Ids;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the graph API (JSON names are snake_case). */
public final class GraphDtos {

  static final String ID_PATTERN = Ids.PATTERN;

  private GraphDtos() {}

  /** Memories related to one, best first. */
  public record RelatedMemories(
      @Schema(
              description = "The memory the others are related to",
              example = "0b8f3f1e-2d10-4c44-9a57-6f1c2a8e4b1d")
          String memoryId,
      @Schema(description = "The most entity hops followed", example = "2") int depth,
      @Schema(description = "The related memories, best first") List<RelatedMemory> related) {}

  /** A user's entities by mention count, with their relationships. */
  public record EntityAnalysis(
      @Schema(description = "Whose graph it is", example = "alice") String userId,
      @Schema(description = "When the analysis was made", example = "2026-12-04T07:00:00Z")
          OffsetDateTime generatedAt,
      @Schema(description = "The user's entities, most mentioned first")
          List<EntitySummary> entities) {}

  /** A user's memory network as nodes and edges, for drawing. */
  public record UserGraph(
      @Schema(description = "Whose graph it is", example = "alice") String userId,
      @Schema(description = "Memories, entities and the user, to draw") List<GraphNode> nodes,
      @Schema(description = "Relationships between the nodes, to draw") List<GraphEdge> edges,
      @Schema(description = "true when the graph was cut at the limit", example = "false")
          boolean truncated) {}
}
