package io.membank.testkit;

import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;
import java.util.Map;

/**
 * The devstack's Neo4j over Bolt (no authentication, loopback only) plus a random namespace ({@code
 * membank.neo4j.namespace=t<random8>}) that services store on their nodes, because Neo4j Community
 * has a single user database to share between test classes.
 */
public class Neo4jResource implements QuarkusTestResourceConfigurableLifecycleManager<WithNeo4j> {
  /** The only user database of Neo4j Community. */
  public static final String DATABASE = "neo4j";

  @Override
  public Map<String, String> start() {
    return Map.of(
        "membank.neo4j.uri",
        DevStackProcess.ensureStarted().boltUri(),
        "membank.neo4j.database",
        DATABASE,
        "membank.neo4j.namespace",
        "t" + Names.random8());
  }

  @Override
  public void stop() {
    // Data stays under its unique namespace; deleting it needs a driver this module avoids.
  }
}
