package io.membank.mcp.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.mcp.client.MemBankApi;
import io.membank.mcp.client.MemBankApi.ApiError;
import io.membank.mcp.client.MemBankApi.Backend;
import io.membank.mcp.config.McpConfig;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * MemBank memory as MCP tools. Each tool is one (or, for add_memory with waiting, a few) calls of
 * the REST API with the caller's credential; answers are the API's JSON, errors the API's problem
 * detail as a tool error the assistant can read and act on.
 */
public class MemoryTools {

  private static final Logger LOG = Logger.getLogger(MemoryTools.class);

  private final MemBankApi api;
  private final McpConfig config;
  private final ObjectMapper json;

  MemoryTools(MemBankApi api, McpConfig config, ObjectMapper json) {
    this.api = api;
    this.config = config;
    this.json = json;
  }

  @Tool(
      name = "add_memory",
      description =
          "Remember something about a user: MemBank extracts the facts, merges them with what it"
              + " already knows (updating or invalidating older memories) and stores them. By"
              + " default waits for that to finish and returns what changed.")
  public ToolResponse addMemory(
      @ToolArg(name = "content", description = "What to remember, in natural language")
          String content,
      @ToolArg(name = "user_id", description = "The user the memory is about") String userId,
      @ToolArg(name = "agent_id", description = "The agent writing it", required = false)
          String agentId,
      @ToolArg(
              name = "session_id",
              description = "The conversation it comes from",
              required = false)
          String sessionId,
      @ToolArg(
              name = "wait",
              description = "Wait for the memory to be stored (default true)",
              required = false,
              defaultValue = "true")
          boolean wait) {
    return call(
        () -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("user_id", userId);
          body.put("content", content);
          if (agentId != null) {
            body.put("agent_id", agentId);
          }
          if (sessionId != null) {
            body.put("session_id", sessionId);
          }
          JsonNode accepted = api.post(Backend.MEMORY, "/api/v1/memories", body);
          if (!wait) {
            return accepted;
          }
          return awaitJob(accepted.path("job_id").asText());
        });
  }

  @Tool(
      name = "search_memories",
      description =
          "Find a user's memories relevant to a query (hybrid keyword and semantic search),"
              + " best first.")
  public ToolResponse searchMemories(
      @ToolArg(name = "query", description = "What to look for") String query,
      @ToolArg(name = "user_id", description = "Whose memories") String userId,
      @ToolArg(
              name = "limit",
              description = "Most results (1-100, default 10)",
              required = false,
              defaultValue = "10")
          int limit) {
    return call(
        () ->
            api.post(
                Backend.SEARCH,
                "/api/v1/memories/search",
                Map.of("user_id", userId, "query", query, "limit", limit)));
  }

  @Tool(
      name = "list_memories",
      description = "List a user's current memories, newest first, a page at a time.")
  public ToolResponse listMemories(
      @ToolArg(name = "user_id", description = "Whose memories") String userId,
      @ToolArg(
              name = "limit",
              description = "Page size (1-100, default 20)",
              required = false,
              defaultValue = "20")
          int limit,
      @ToolArg(
              name = "offset",
              description = "How many to skip (default 0)",
              required = false,
              defaultValue = "0")
          int offset,
      @ToolArg(name = "agent_id", description = "Only this agent's", required = false)
          String agentId,
      @ToolArg(name = "session_id", description = "Only this conversation's", required = false)
          String sessionId) {
    return call(
        () -> {
          Map<String, Object> query = new LinkedHashMap<>();
          query.put("limit", limit);
          query.put("offset", offset);
          query.put("agent_id", agentId);
          query.put("session_id", sessionId);
          return api.get(
              Backend.MEMORY, "/api/v1/users/" + MemBankApi.segment(userId) + "/memories", query);
        });
  }

  @Tool(name = "delete_memory", description = "Delete one memory by its id, for good.")
  public ToolResponse deleteMemory(
      @ToolArg(name = "memory_id", description = "The memory's id (a UUID)") String memoryId) {
    return call(
        () -> {
          api.delete(Backend.MEMORY, "/api/v1/memories/" + MemBankApi.segment(memoryId));
          ObjectNode done = json.createObjectNode();
          done.put("deleted", memoryId);
          return done;
        });
  }

  @Tool(
      name = "related_memories",
      description =
          "Memories connected to one memory through the knowledge graph (shared people, places,"
              + " things), nearest first.")
  public ToolResponse relatedMemories(
      @ToolArg(name = "memory_id", description = "The memory's id (a UUID)") String memoryId,
      @ToolArg(
              name = "depth",
              description = "Hops through the graph (1-3, default 2)",
              required = false,
              defaultValue = "2")
          int depth,
      @ToolArg(
              name = "limit",
              description = "Most results (1-100, default 10)",
              required = false,
              defaultValue = "10")
          int limit) {
    return call(
        () -> {
          Map<String, Object> query = new LinkedHashMap<>();
          query.put("depth", depth);
          query.put("limit", limit);
          return api.get(
              Backend.GRAPH,
              "/api/v1/memories/" + MemBankApi.segment(memoryId) + "/related",
              query);
        });
  }

  /** Polls the job until it ends or the wait is over; returns the job as last seen. */
  private JsonNode awaitJob(String jobId) throws InterruptedException {
    Instant deadline = Instant.now().plus(config.jobWait());
    String path = "/api/v1/jobs/" + MemBankApi.segment(jobId);
    JsonNode job = api.get(Backend.MEMORY, path, Map.of());
    while (!ended(job) && Instant.now().isBefore(deadline)) {
      Thread.sleep(config.jobPoll().toMillis());
      job = api.get(Backend.MEMORY, path, Map.of());
    }
    return job;
  }

  private static boolean ended(JsonNode job) {
    String status = job.path("status").asText();
    return status.equals("completed") || status.equals("failed");
  }

  /** A tool step that may fail. */
  @FunctionalInterface
  interface Step {
    JsonNode run() throws InterruptedException;
  }

  private ToolResponse call(Step step) {
    try {
      return ToolResponse.success(text(step.run()));
    } catch (ApiError e) {
      LOG.debugf("mcp.tool.refused status=%d reason=%s", e.status(), e.getMessage());
      return ToolResponse.error(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ToolResponse.error("interrupted");
    }
  }

  private String text(JsonNode node) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
