package io.membank.graph.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where graph-service's Neo4j is and how to talk to it. */
@ConfigMapping(prefix = "membank.neo4j")
public interface Neo4jConfig {

  /** Bolt URI, e.g. {@code bolt://127.0.0.1:17687} or {@code neo4j://cluster:7687}. */
  String uri();

  /** Database name (Neo4j Community has one: {@code neo4j}). */
  @WithDefault("neo4j")
  String database();

  /** User name; no credentials means the server runs with auth disabled (local dev stack). */
  Optional<String> username();

  /** Password for {@link #username()}. */
  Optional<String> password();

  /**
   * Extra isolation inside one database (Neo4j Community has only one): tests set a random
   * namespace stored on every node; empty in production, where tenants isolate data.
   */
  Optional<String> namespace();

  /** Bound on establishing a connection. */
  @WithDefault("5s")
  Duration connectTimeout();

  /** Bound on one transaction (a runaway traversal is cut off, not left running). */
  @WithDefault("10s")
  Duration queryTimeout();

  /** Connections kept per service instance. */
  @WithDefault("50")
  int maxPoolSize();
}
