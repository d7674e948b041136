package io.membank.mcp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the MemBank API is and how the MCP tools call it. */
@ConfigMapping(prefix = "membank.mcp")
public interface McpConfig {

  /**
   * Base URL of the MemBank REST API: the gateway (one address for every tool), or a service
   * directly when {@link #searchUrl()} and {@link #graphUrl()} name the others.
   */
  @WithDefault("http://127.0.0.1:8080")
  String apiUrl();

  /** Where search_memories goes; unset: {@link #apiUrl()}. */
  Optional<String> searchUrl();

  /** Where related_memories goes; unset: {@link #apiUrl()}. */
  Optional<String> graphUrl();

  /**
   * Credential for stdio use (a MemBank API key {@code mb_…} or a JWT), sent as a Bearer token.
   * Over HTTP the caller's own {@code Authorization} (or {@code X-API-Key}) header is passed
   * through instead, and this is never used for them.
   */
  Optional<String> apiKey();

  /** Timeout of one call to the API. */
  @WithDefault("15s")
  Duration timeout();

  /** How long add_memory waits for its ingestion job when asked to wait. */
  @WithDefault("20s")
  Duration jobWait();

  /** Pause between looks at a job's status while waiting. */
  @WithDefault("300ms")
  Duration jobPoll();
}
